package io.tollgate.modeler.compiler;

import org.flowable.bpmn.converter.BpmnXMLConverter;
import org.flowable.bpmn.model.BpmnModel;
import org.flowable.bpmn.model.FlowElement;
import org.flowable.bpmn.model.FlowElementsContainer;
import org.flowable.bpmn.model.GraphicInfo;
import org.flowable.bpmn.model.Process;
import org.flowable.bpmn.model.SequenceFlow;
import org.flowable.bpmn.model.SubProcess;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes a laid-out model as BPMN 2.0 XML. The process part comes from Flowable's converter; the
 * diagram part is written here, in model order, because the converter looks every shape's element
 * up through the whole model, which makes large templates quadratic (half a second at 200 stages).
 */
final class DiagramWriter {
    private DiagramWriter() {
    }

    static String write(BpmnModel model) {
        Map<String, GraphicInfo> shapes = new HashMap<>(model.getLocationMap());
        Map<String, List<GraphicInfo>> edges = new HashMap<>(model.getFlowLocationMap());
        model.getLocationMap().clear();
        model.getFlowLocationMap().clear();
        String processXml;
        try {
            processXml = new String(new BpmnXMLConverter().convertToXML(model, StandardCharsets.UTF_8.name()),
                    StandardCharsets.UTF_8);
        } finally {
            model.getLocationMap().putAll(shapes);
            model.getFlowLocationMap().putAll(edges);
        }
        StringBuilder di = new StringBuilder(processXml.length());
        for (Process process : model.getProcesses()) {
            di.append("  <bpmndi:BPMNDiagram id=\"BPMNDiagram_").append(process.getId()).append("\">\n")
                    .append("    <bpmndi:BPMNPlane bpmnElement=\"").append(process.getId())
                    .append("\" id=\"BPMNPlane_").append(process.getId()).append("\">\n");
            elements(process, shapes, edges, di);
            di.append("    </bpmndi:BPMNPlane>\n  </bpmndi:BPMNDiagram>\n");
        }
        // the converter still writes an empty diagram for the process: ours takes its place
        int start = processXml.indexOf("<bpmndi:BPMNDiagram");
        String closing = "</bpmndi:BPMNDiagram>";
        int end = processXml.lastIndexOf(closing);
        if (start < 0 || end < 0) {
            start = processXml.lastIndexOf("</definitions>");
            end = start;
        } else {
            end += closing.length();
            while (end < processXml.length() && Character.isWhitespace(processXml.charAt(end))) {
                end++;
            }
            while (start > 0 && processXml.charAt(start - 1) == ' ') {
                start--;
            }
        }
        return processXml.substring(0, start) + di + processXml.substring(end);
    }

    private static void elements(FlowElementsContainer container, Map<String, GraphicInfo> shapes,
                                 Map<String, List<GraphicInfo>> edges, StringBuilder out) {
        for (FlowElement element : container.getFlowElements()) {
            GraphicInfo shape = shapes.get(element.getId());
            if (shape != null) {
                out.append("      <bpmndi:BPMNShape bpmnElement=\"").append(element.getId())
                        .append("\" id=\"BPMNShape_").append(element.getId()).append('"');
                if (element instanceof SubProcess) {
                    out.append(" isExpanded=\"true\"");
                }
                out.append(">\n        <omgdc:Bounds height=\"").append(number(shape.getHeight()))
                        .append("\" width=\"").append(number(shape.getWidth()))
                        .append("\" x=\"").append(number(shape.getX()))
                        .append("\" y=\"").append(number(shape.getY())).append("\"/>\n")
                        .append("      </bpmndi:BPMNShape>\n");
            }
            if (element instanceof SubProcess sub) {
                elements(sub, shapes, edges, out);
            }
        }
        for (FlowElement element : container.getFlowElements()) {
            List<GraphicInfo> points = element instanceof SequenceFlow ? edges.get(element.getId()) : null;
            if (points != null && !points.isEmpty()) {
                out.append("      <bpmndi:BPMNEdge bpmnElement=\"").append(element.getId())
                        .append("\" id=\"BPMNEdge_").append(element.getId()).append("\">\n");
                for (GraphicInfo point : points) {
                    out.append("        <omgdi:waypoint x=\"").append(number(point.getX()))
                            .append("\" y=\"").append(number(point.getY())).append("\"/>\n");
                }
                out.append("      </bpmndi:BPMNEdge>\n");
            }
        }
    }

    private static String number(double value) {
        return value == Math.rint(value) ? Long.toString((long) value) + ".0" : Double.toString(value);
    }
}
