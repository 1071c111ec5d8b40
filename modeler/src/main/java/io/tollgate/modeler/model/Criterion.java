package io.tollgate.modeler.model;

import java.util.Arrays;
import java.util.Optional;

/** One condition of a gate. */
public sealed interface Criterion {

    /** The field must have a value. */
    record FieldFilled(String field) implements Criterion {
    }

    /** Every task of the stage must be done. */
    record AllTasksDone() implements Criterion {
    }

    /** A Groovy boolean over the project's fields; {@code message} says what is wrong when it is false. */
    record Expression(String expression, String message) implements Criterion {
    }

    /** A condition a module judges, e.g. no open high risk; the template must require that module. */
    record ModuleCheck(ModuleKind kind) implements Criterion {
    }

    /** The criterion kinds modules provide: the key a template writes ({@code noOpenHighRisk: true}) and the module. */
    enum ModuleKind {
        /** No open risk of the project scores high (probability × impact of 15 or more). */
        NO_OPEN_HIGH_RISK("noOpenHighRisk", "risks"),
        /** A release of the project is marked ready by the PM (every release linked to the stage, if any is). */
        RELEASE_READY("releaseReady", "releases");

        private final String key;
        private final String module;

        ModuleKind(String key, String module) {
            this.key = key;
            this.module = module;
        }

        /** What a template writes: {@code { noOpenHighRisk: true }}. */
        public String key() {
            return key;
        }

        /** The module that judges it. */
        public String module() {
            return module;
        }

        public static Optional<ModuleKind> byKey(String key) {
            return Arrays.stream(values()).filter(k -> k.key.equals(key)).findFirst();
        }
    }
}
