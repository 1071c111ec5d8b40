package io.tollgate.modeler.compiler;

import io.tollgate.modeler.TemplateFixtures;
import io.tollgate.modeler.model.Template;
import io.tollgate.modeler.parse.TemplateReader;
import org.flowable.bpmn.model.MultiInstanceLoopCharacteristics;
import org.flowable.bpmn.model.SubProcess;
import org.flowable.bpmn.model.UserTask;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class TemplateCompilerTests {

    private final TemplateCompiler compiler = new TemplateCompiler();

    private static Template fiveStages() {
        return new TemplateReader().read(TemplateFixtures.fiveStages()).template();
    }

    @Test
    void givesEveryFlowNodeAShape() {
        TemplateCompiler.Compiled compiled = compiler.compile(fiveStages());

        assertThat(BpmnVerifier.nodesWithoutShape(compiled.model())).isEmpty();
        assertThat(compiled.xml()).contains("<bpmndi:BPMNShape").contains("<bpmndi:BPMNEdge");
    }

    @Test
    void passesFlowablesValidatorAndTheBpmnSchema() {
        TemplateCompiler.Compiled compiled = compiler.compile(fiveStages());

        assertThat(BpmnVerifier.engineErrors(compiled.model())).isEmpty();
        assertThat(BpmnVerifier.schemaError(compiled.xml())).isNull();
    }

    @Test
    void compilesTheSameTemplateToTheSameBytes() {
        assertThat(compiler.compile(fiveStages()).xml()).isEqualTo(compiler.compile(fiveStages()).xml());
    }

    @Test
    void modelsEachStageAsASubProcessAndEachApprovalAsMultiInstance() {
        var process = compiler.compile(fiveStages()).model().getMainProcess();

        assertThat(process.getFlowElement("stage__requirements")).isInstanceOf(SubProcess.class);
        UserTask testing = (UserTask) process.getFlowElement("approval__testing", true);
        MultiInstanceLoopCharacteristics loop = testing.getLoopCharacteristics();
        assertThat(loop.isSequential()).isTrue();
        assertThat(loop.getInputDataItem()).isEqualTo("${tg_testing_approvers}");
        UserTask prototype = (UserTask) process.getFlowElement("approval__prototype", true);
        assertThat(prototype.getLoopCharacteristics().getCompletionCondition())
                .isEqualTo("${tg_prototype_approvals >= 1 || tg_prototype_rejections >= 1}");
        UserTask ship = (UserTask) process.getFlowElement("task__release__ship", true);
        assertThat(ship.getCandidateGroups()).containsExactly("ops");
    }

    @Test
    void keepsEveryNameWithinTheEnginesNameColumns() {
        String longest = "n".repeat(255);
        Template template = new TemplateReader().read("""
                key: long-names
                name: %1$s
                roles: { pm: { name: PM } }
                stages:
                  - { key: one, name: %1$s, duration: P5D, alertAfter: P1D, tasks: [ { key: t, name: %1$s, assignee: pm, duration: P1D } ] }
                  - { key: two, name: %1$s, after: [one], when: "true", gate: { approval: { approvers: [pm] } } }
                  - { key: three, name: %1$s, after: [one, two] }
                """.formatted(longest)).template();

        var process = compiler.compile(template).model().getMainProcess();

        assertThat(process.getName()).hasSizeLessThanOrEqualTo(255);
        assertThat(process.findFlowElementsOfType(org.flowable.bpmn.model.FlowElement.class, true))
                .allSatisfy(element -> assertThat(element.getName()).as(element.getId())
                        .satisfiesAnyOf(name -> assertThat(name).isNull(), name -> assertThat(name).hasSizeLessThanOrEqualTo(255)));
        assertThat(((UserTask) process.getFlowElement("approval__two", true)).getName()).startsWith("Approve nnn").endsWith("…");
    }

    @Test
    void rejectsSchemaInvalidXml() {
        assertThat(BpmnVerifier.schemaError("<definitions xmlns=\"http://www.omg.org/spec/BPMN/20100524/MODEL\"><nonsense/></definitions>"))
                .isNotNull();
    }

    @Test
    void compilesAnApprovalTimeoutAsANonInterruptingTimerOnTheApproval() {
        Template template = new TemplateReader().read("""
                key: timeouts
                name: Timeouts
                stages:
                  - key: a
                    gate: { approval: { approvers: ["user:bob"], timeout: { after: PT48H, action: remind, repeat: 3 } } }
                  - key: b
                    gate: { approval: { approvers: ["user:bob"], timeout: { after: P1D, action: reject } } }
                """).template();
        TemplateCompiler.Compiled compiled = compiler.compile(template);
        var process = compiled.model().getMainProcess();
        var remind = (org.flowable.bpmn.model.BoundaryEvent) process.getFlowElement("remind_timer__a", true);
        assertThat(remind.getAttachedToRefId()).isEqualTo("approval__a");
        assertThat(remind.isCancelActivity()).isFalse();
        var cycle = (org.flowable.bpmn.model.TimerEventDefinition) remind.getEventDefinitions().get(0);
        assertThat(cycle.getTimeCycle()).isEqualTo("R3/PT48H");
        var reject = (org.flowable.bpmn.model.BoundaryEvent) process.getFlowElement("timeout_timer__b", true);
        assertThat(((org.flowable.bpmn.model.TimerEventDefinition) reject.getEventDefinitions().get(0)).getTimeDuration())
                .isEqualTo("PT24H");
        assertThat(process.getFlowElement("timeout__b", true)).isNotNull();
        assertThat(compiled.xml()).contains("timeCycle", "timeDuration");
    }
}
