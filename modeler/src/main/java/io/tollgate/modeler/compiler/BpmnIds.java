package io.tollgate.modeler.compiler;

/**
 * The ids and variable names compiled BPMN uses. The runtime reads the same names to map engine
 * activity back to stages, tasks and gates, so both sides go through this class.
 *
 * <p>Every id made from keys has the form {@code word__key} or {@code word__stage__task} with a
 * fixed word per kind of element. Keys never contain a double underscore, so two different
 * elements can never get the same id, whatever the keys are. Ids of the process-wide elements
 * ({@code project_start}, ...) have no double underscore at all, and template keys have no
 * underscore, so neither can clash with them.
 */
public final class BpmnIds {
    private BpmnIds() {
    }

    public static final String SEPARATOR = "__";
    public static final String STAGE = "stage";
    public static final String TASK = "task";
    public static final String APPROVAL = "approval";
    public static final String SKIP = "skip";
    public static final String ENTRY = "entry";
    public static final String JOIN = "join";
    public static final String OVERDUE = "overdue";
    public static final String ESCALATION = "escalation";
    /** The event reached each time an approval's reminder timer fires. */
    public static final String REMIND = "remind";
    /** The event reached when an approval's approve or reject timeout fires. */
    public static final String TIMEOUT = "timeout";

    public static final String PROJECT_START = "project_start";
    public static final String PROJECT_END = "project_end";
    public static final String PROCESS_FORK = "process_fork";
    public static final String PROCESS_JOIN = "process_join";

    /** The runtime's bean that conditions of compiled BPMN call, e.g. for a stage's {@code when}. */
    public static final String EXPRESSIONS_BEAN = "tgExpressions";

    public static final String APPROVER_VARIABLE = "approver";
    public static final String PROJECT_VARIABLE = "tg_project";
    /** Process variable with the project's field values as JSON, for conditions evaluated in the engine. */
    public static final String FIELDS_VARIABLE = "tg_fields";

    /** An id of the form {@code word__key}. */
    public static String of(String word, String key) {
        return word + SEPARATOR + key;
    }

    /** An id of the form {@code word__stage__task}. */
    public static String of(String word, String stage, String task) {
        return word + SEPARATOR + stage + SEPARATOR + task;
    }

    public static String stage(String stage) {
        return of(STAGE, stage);
    }

    public static String task(String stage, String task) {
        return of(TASK, stage, task);
    }

    public static String approval(String stage) {
        return of(APPROVAL, stage);
    }

    /** The gateway every round of work in a stage passes: first entry and each rework. */
    public static String entry(String stage) {
        return of(ENTRY, stage);
    }

    public static String skip(String stage) {
        return of(SKIP, stage);
    }

    /** The parallel gateway in front of a stage that waits for several others. */
    public static String join(String stage) {
        return of(JOIN, stage);
    }

    /** The event reached when a stage passes its due date. */
    public static String overdue(String stage) {
        return of(OVERDUE, stage);
    }

    /** The event reached when a stage is late by more than its alertAfter. */
    public static String escalation(String stage) {
        return of(ESCALATION, stage);
    }

    /** The event reached each time nobody decided a stage's approval in time and a reminder goes out. */
    public static String remind(String stage) {
        return of(REMIND, stage);
    }

    /** The event reached when nobody decided a stage's approval in time and the system decides. */
    public static String timeout(String stage) {
        return of(TIMEOUT, stage);
    }

    /** Process variable holding the users of a role, in assignment order. */
    public static String roleVariable(String role) {
        return "tg_role_" + role;
    }

    /** Process variable holding the approvers of a stage's gate, in order. */
    public static String approversVariable(String stage) {
        return "tg_" + stage + "_approvers";
    }

    public static String approvalsVariable(String stage) {
        return "tg_" + stage + "_approvals";
    }

    /** Approvals carried over into a resubmitted round, which a quorum counts as already given. */
    public static String keptVariable(String stage) {
        return "tg_" + stage + "_kept";
    }

    public static String rejectionsVariable(String stage) {
        return "tg_" + stage + "_rejections";
    }

    /** The kind word of an id, or null for process-wide elements. */
    public static String wordOf(String activityId) {
        int sep = activityId == null ? -1 : activityId.indexOf(SEPARATOR);
        return sep < 0 ? null : activityId.substring(0, sep);
    }

    /** The stage key an id belongs to, or null for process-wide elements. */
    public static String stageOf(String activityId) {
        int sep = activityId == null ? -1 : activityId.indexOf(SEPARATOR);
        if (sep < 0) {
            return null;
        }
        String rest = activityId.substring(sep + SEPARATOR.length());
        int next = rest.indexOf(SEPARATOR);
        return next < 0 ? rest : rest.substring(0, next);
    }

    /** The task key of a task activity id, or null. */
    public static String taskOf(String activityId) {
        if (!TASK.equals(wordOf(activityId))) {
            return null;
        }
        String rest = activityId.substring(TASK.length() + SEPARATOR.length());
        int next = rest.indexOf(SEPARATOR);
        return next < 0 ? null : rest.substring(next + SEPARATOR.length());
    }
}
