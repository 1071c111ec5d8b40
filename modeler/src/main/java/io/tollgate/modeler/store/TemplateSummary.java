package io.tollgate.modeler.store;

/** A line of the template list; {@code latestVersion} is null until the first publish. */
public record TemplateSummary(String key, String name, String industry, Integer latestVersion, boolean draft) {
}
