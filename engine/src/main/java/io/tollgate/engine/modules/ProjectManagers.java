package io.tollgate.engine.modules;

import io.tollgate.engine.project.Project;
import io.tollgate.engine.security.Actor;

import java.util.List;

/**
 * Who manages a project for the modules: an admin, a holder of the project's {@code pm} role, or
 * its creator when no one holds that role.
 */
public final class ProjectManagers {

    private ProjectManagers() {
    }

    public static boolean manages(Project project, Actor actor) {
        if (actor.isAdmin()) {
            return true;
        }
        List<String> pms = project.roles().getOrDefault("pm", List.of());
        return pms.isEmpty() ? actor.username().equals(project.createdBy()) : pms.contains(actor.username());
    }
}
