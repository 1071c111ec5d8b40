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

    @Override
    public String deploy(String templateKey, int version, String name, String bpmnXml) {
        Deployment deployment = repository.createDeployment()
                .key(templateKey)
                .name(name + " v" + version)
                .category("tollgate-template")
                .addString(templateKey + "-v" + version + ".bpmn20.xml", bpmnXml)
                .disableSchemaValidation()
                .deploy();
        return repository.createProcessDefinitionQuery().deploymentId(deployment.getId()).singleResult().getId();
    }
}
