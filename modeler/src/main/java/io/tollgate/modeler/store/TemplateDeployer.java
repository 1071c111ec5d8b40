package io.tollgate.modeler.store;

/** Deploys compiled BPMN to the process engine; the runtime provides it, the modeler only calls it. */
public interface TemplateDeployer {

    /** Deploys and answers the id the engine gives the process definition. */
    String deploy(String templateKey, int version, String name, String bpmnXml);
}
