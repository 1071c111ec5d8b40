package io.tollgate.modeler.validation;

/** JSON paths of template elements, in the same spelling the reader uses. */
final class Paths {
    private Paths() {
    }

    static String stage(int i) {
        return "$.stages[" + i + "]";
    }

    static String task(int stage, int task) {
        return stage(stage) + ".tasks[" + task + "]";
    }

    static String gate(int stage) {
        return stage(stage) + ".gate";
    }
}
