package io.tollgate.modeler.store;

/** Deploys compiled BPMN to the process engine; the runtime provides it, the modeler only calls it. */
public interface TemplateDeployer {

    /** Deploys for a workspace (the engine's tenant) and answers the id the engine gives the process definition. */
    String deploy(String workspaceId, String templateKey, int version, String name, String bpmnXml);
}
