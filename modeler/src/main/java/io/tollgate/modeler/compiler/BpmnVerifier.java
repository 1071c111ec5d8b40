package io.tollgate.modeler.compiler;

import org.flowable.bpmn.converter.BpmnXMLConverter;
import org.flowable.bpmn.model.BpmnModel;
import org.flowable.bpmn.model.FlowElement;
import org.flowable.bpmn.model.FlowElementsContainer;
import org.flowable.bpmn.model.FlowNode;
import org.flowable.bpmn.model.SubProcess;
import org.flowable.validation.ProcessValidatorFactory;
import org.flowable.validation.ValidationError;

import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamReader;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;

/** Independent checks of compiled BPMN: the OMG schema, Flowable's validator, and diagram coverage. */
public final class BpmnVerifier {
    private BpmnVerifier() {
    }

    /** Validates XML against the OMG BPMN 2.0 XSD (with Flowable's extension schema); answers the error or null. */
    public static String schemaError(String xml) {
        try {
            XMLInputFactory factory = XMLInputFactory.newInstance();
            factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
            factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
            XMLStreamReader reader = factory.createXMLStreamReader(new StringReader(xml));
            new BpmnXMLConverter().validateModel(reader);
            return null;
        } catch (Exception e) {
            return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        }
    }

    /** Flowable's own process validator: errors only, warnings left out. */
    public static List<String> engineErrors(BpmnModel model) {
        List<ValidationError> errors = new ProcessValidatorFactory().createDefaultProcessValidator().validate(model);
        return errors.stream().filter(e -> !e.isWarning())
                .map(e -> e.getProblem() + " at " + e.getActivityId() + ": " + e.getDefaultDescription()).toList();
    }

    /** Ids of flow nodes that have no BPMNShape in the diagram. */
    public static List<String> nodesWithoutShape(BpmnModel model) {
        List<String> missing = new ArrayList<>();
        model.getProcesses().forEach(p -> collect(p, model, missing));
        return missing;
    }

    private static void collect(FlowElementsContainer container, BpmnModel model, List<String> missing) {
        for (FlowElement element : container.getFlowElements()) {
            if (element instanceof FlowNode && model.getGraphicInfo(element.getId()) == null) {
                missing.add(element.getId());
            }
            if (element instanceof SubProcess sub) {
                collect(sub, model, missing);
            }
        }
    }
}
