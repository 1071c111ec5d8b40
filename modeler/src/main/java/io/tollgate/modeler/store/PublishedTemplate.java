package io.tollgate.modeler.store;

import io.tollgate.modeler.model.Template;

import java.time.Instant;

/** A published version as the runtime needs it: the model and the engine's process definition. */
public record PublishedTemplate(String key, int version, Template template, String processDefinitionId,
                                Instant publishedAt, String publishedBy) {
}
