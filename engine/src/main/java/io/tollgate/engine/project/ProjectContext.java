package io.tollgate.engine.project;

import io.tollgate.modeler.model.Template;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a command on a project needs, read once: the project row, its template version and its
 * field values. Field writes through {@link ProjectService#writeFields} keep {@code fields} current.
 */
public record ProjectContext(Project project, Template template, Map<String, Object> fields) {

    public ProjectContext {
        fields = new LinkedHashMap<>(fields);
    }

    public String id() {
        return project.id();
    }

    public String workspaceId() {
        return project.workspaceId();
    }
}
