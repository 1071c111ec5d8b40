package io.tollgate.modeler.store;

import java.time.Instant;

/** Who published which version when. */
public record VersionInfo(int version, Instant publishedAt, String publishedBy) {
}
