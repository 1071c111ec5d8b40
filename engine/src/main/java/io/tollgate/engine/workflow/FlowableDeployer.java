package io.tollgate.engine.workflow;

import io.tollgate.modeler.store.TemplateDeployer;
import org.flowable.engine.RepositoryService;
import org.flowable.engine.repository.Deployment;
import org.springframework.stereotype.Component;

/** Deploys a compiled template version as one Flowable deployment. */
@Component
class FlowableDeployer implements TemplateDeployer {

    private final RepositoryService repository;

    FlowableDeployer(RepositoryService repository) {
        this.repository = repository;
    }

    /** Each version is deployed as one resource whose name carries the template's own version number. */
    static String resourceName(String templateKey, int version) {
        return templateKey + "-v" + version + ".bpmn20.xml";
    }

    @Override
    public String deploy(String workspaceId, String templateKey, int version, String name, String bpmnXml) {
        // each workspace is a tenant of the engine: its definitions, instances and jobs are its own
        Deployment deployment = repository.createDeployment()
                .tenantId(workspaceId)
                .key(templateKey)
                .name(name + " v" + version)
                .category("tollgate-template")
                .addString(resourceName(templateKey, version), bpmnXml)
                .disableSchemaValidation()
                .deploy();
        return repository.createProcessDefinitionQuery().deploymentId(deployment.getId()).singleResult().getId();
    }
}
