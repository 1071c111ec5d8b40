package io.tollgate.engine.project;

import io.tollgate.engine.project.internal.Projects;
import io.tollgate.modeler.store.TemplateStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Projects started before participants were kept get theirs from their template and roles, once,
 * at start-up; from then on members see only the projects they take part in.
 */
@Component
@Order(30)
class ParticipantBackfill implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(ParticipantBackfill.class);

    private final Projects projects;
    private final TemplateStore templates;

    ParticipantBackfill(Projects projects, TemplateStore templates) {
        this.projects = projects;
        this.templates = templates;
    }

    @Override
    @Transactional
    public void run(ApplicationArguments args) {
        var missing = projects.withoutParticipants();
        for (Project project : missing) {
            project.addParticipants(ProjectService.participants(
                    templates.published(project.workspaceId(), project.templateKey(), project.templateVersion()).template(),
                    project.roles(), project.createdBy()));
        }
        if (!missing.isEmpty()) {
            log.info("Recorded the participants of {} earlier project(s)", missing.size());
        }
    }
}
