package io.tollgate.modeler.compiler;

/**
 * The ids and variable names compiled BPMN uses. The runtime reads the same names to map engine
 * activity back to stages, tasks and gates, so both sides go through this class.
 */
public final class BpmnIds {
    private BpmnIds() {
    }

    public static final String STAGE_PREFIX = "stage_";
    public static final String TASK_PREFIX = "task_";
    public static final String APPROVAL_PREFIX = "approval_";
    public static final String SKIP_PREFIX = "skip_";
    public static final String ENTRY_PREFIX = "entry_";
    public static final String OVERDUE_PREFIX = "overdue_";
    public static final String ESCALATION_PREFIX = "escalation_";
    public static final String APPROVER_VARIABLE = "approver";
    public static final String PROJECT_VARIABLE = "tg_project";
    /** Process variable with the project's field values as JSON, for conditions evaluated in the engine. */
    public static final String FIELDS_VARIABLE = "tg_fields";

    public static String stage(String stage) {
        return STAGE_PREFIX + stage;
    }

    public static String task(String stage, String task) {
        return TASK_PREFIX + stage + "__" + task;
    }

    public static String approval(String stage) {
        return APPROVAL_PREFIX + stage;
    }

    /** The gateway every round of work in a stage passes: first entry and each rework. */
    public static String entry(String stage) {
        return ENTRY_PREFIX + stage;
    }

    public static String skip(String stage) {
        return SKIP_PREFIX + stage;
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

    /** The event reached when a stage passes its due date. */
    public static String overdue(String stage) {
        return OVERDUE_PREFIX + stage;
    }

    /** The event reached when a stage is late by more than its alertAfter. */
    public static String escalation(String stage) {
        return ESCALATION_PREFIX + stage;
    }

    public static String rejectionsVariable(String stage) {
        return "tg_" + stage + "_rejections";
    }

    /** The stage key of an activity id of the form stage_x, or null. */
    public static String stageOf(String activityId) {
        if (activityId != null && activityId.startsWith(STAGE_PREFIX)) {
            return activityId.substring(STAGE_PREFIX.length());
        }
        if (activityId != null && activityId.startsWith(APPROVAL_PREFIX)) {
            return activityId.substring(APPROVAL_PREFIX.length());
        }
        if (activityId != null && activityId.startsWith(SKIP_PREFIX)) {
            return activityId.substring(SKIP_PREFIX.length());
        }
        if (activityId != null && activityId.startsWith(ENTRY_PREFIX)) {
            return activityId.substring(ENTRY_PREFIX.length());
        }
        if (activityId != null && activityId.startsWith(OVERDUE_PREFIX)) {
            return activityId.substring(OVERDUE_PREFIX.length());
        }
        if (activityId != null && activityId.startsWith(ESCALATION_PREFIX)) {
            return activityId.substring(ESCALATION_PREFIX.length());
        }
        if (activityId != null && activityId.startsWith(TASK_PREFIX)) {
            int sep = activityId.indexOf("__");
            return sep < 0 ? null : activityId.substring(TASK_PREFIX.length(), sep);
        }
        return null;
    }

    /** The task key of a task activity id, or null. */
    public static String taskOf(String activityId) {
        if (activityId != null && activityId.startsWith(TASK_PREFIX)) {
            int sep = activityId.indexOf("__");
            return sep < 0 ? null : activityId.substring(sep + 2);
        }
        return null;
    }
}
