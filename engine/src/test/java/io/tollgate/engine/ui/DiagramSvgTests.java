package io.tollgate.engine.ui;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DiagramSvgTests {

    private static final String BPMN = """
            <definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL"
                         xmlns:bpmndi="http://www.omg.org/spec/BPMN/20100524/DI"
                         xmlns:omgdc="http://www.omg.org/spec/DD/20100524/DC"
                         xmlns:omgdi="http://www.omg.org/spec/DD/20100524/DI">
              <process id="p">
                <startEvent id="project_start" name="Start"/>
                <subProcess id="stage__design" name="&lt;script&gt;alert(1)&lt;/script&gt; &amp; co">
                  <userTask id="task__design__draw" name="Draw the plan"/>
                </subProcess>
                <subProcess id="stage__build" name="Build"/>
                <sequenceFlow id="f1" sourceRef="project_start" targetRef="stage__design"/>
              </process>
              <bpmndi:BPMNDiagram><bpmndi:BPMNPlane bpmnElement="p">
                <bpmndi:BPMNShape bpmnElement="project_start"><omgdc:Bounds x="0" y="40" width="30" height="30"/></bpmndi:BPMNShape>
                <bpmndi:BPMNShape bpmnElement="stage__design"><omgdc:Bounds x="80" y="0" width="300" height="120"/></bpmndi:BPMNShape>
                <bpmndi:BPMNShape bpmnElement="task__design__draw"><omgdc:Bounds x="120" y="30" width="100" height="60"/></bpmndi:BPMNShape>
                <bpmndi:BPMNShape bpmnElement="stage__build"><omgdc:Bounds x="420" y="0" width="200" height="120"/></bpmndi:BPMNShape>
                <bpmndi:BPMNEdge bpmnElement="f1"><omgdi:waypoint x="30" y="55"/><omgdi:waypoint x="80" y="55"/></bpmndi:BPMNEdge>
              </bpmndi:BPMNPlane></bpmndi:BPMNDiagram>
            </definitions>
            """;

    @Test
    void drawsShapesAndFlowsWithEachStageInItsState() {
        String svg = DiagramSvg.render(BPMN, Map.of("design", "active", "build", "waiting"));
        assertThat(svg).startsWith("<svg ").contains("viewBox=\"-20.0 -20.0 660.0 160.0\"");
        assertThat(svg).contains("data-element=\"stage__design\" data-state=\"active\"",
                "data-element=\"stage__build\" data-state=\"waiting\"", "class=\"stage active\"", "<polyline class=\"flow\"");
        assertThat(svg).contains(">Draw the plan<");
    }

    @Test
    void namesAreTextNeverMarkup() {
        String svg = DiagramSvg.render(BPMN, Map.of());
        assertThat(svg).doesNotContain("<script").contains("&lt;script&gt;alert(1)&lt;/script&gt; &amp; co");
    }

    @Test
    void showsTranslatedNamesWhereGiven() {
        String svg = DiagramSvg.render(BPMN, Map.of(), Map.of("stage__build", "构建", "task__design__draw", "画图"));
        assertThat(svg).contains(">构建<", ">画图<").doesNotContain(">Build<");
    }

    @Test
    void refusesDocumentTypeDeclarations() {
        String hostile = "<?xml version=\"1.0\"?><!DOCTYPE d [<!ENTITY x SYSTEM \"file:///etc/passwd\">]><d>&x;</d>";
        assertThatThrownBy(() -> DiagramSvg.render(hostile, Map.of())).isInstanceOf(IllegalStateException.class);
    }
}
