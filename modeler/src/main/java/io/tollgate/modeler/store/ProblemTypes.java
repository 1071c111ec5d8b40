package io.tollgate.modeler.store;

import java.net.URI;

/** The {@code type} URIs of Tollgate's RFC 9457 problem responses, written in one place. */
public final class ProblemTypes {

    /** Every problem type is this base followed by its kind. */
    public static final String BASE = "https://tollgate.io/problems/";

    private ProblemTypes() {
    }

    /** The type URI of one kind of problem, e.g. {@code template-not-found}. */
    public static URI of(String kind) {
        return URI.create(BASE + kind);
    }
}
