package io.tollgate.modeler.validation;

/**
 * Every problem a template can have, by its stable code. Tools and the modeler UI key on
 * {@link #code()}, so a code is never renamed or reused; {@code ProblemCodeTests} pins the list.
 */
public enum ProblemCode {

    // The document as a whole
    DOCUMENT_EMPTY("document-empty", "The template text is empty."),
    DOCUMENT_SYNTAX("document-syntax", "The text is not well-formed YAML or JSON."),
    DOCUMENT_NOT_OBJECT("document-not-object", "The template is not a mapping of keys to values."),
    WRONG_TYPE("wrong-type", "A value has the wrong shape, e.g. text where a list is expected."),
    UNKNOWN_PROPERTY("unknown-property", "A property is not part of the template language at that place."),
    TEMPLATE_TOO_LARGE("template-too-large", "The template text is longer than 1,000,000 characters or nested deeper than "
            + Limits.TEMPLATE_NESTING + " levels."),

    // Template identity
    TEMPLATE_KEY_MISSING("template-key-missing", "The template has no key."),
    TEMPLATE_KEY_INVALID("template-key-invalid", "The template key is not 2-63 lower-case letters, digits or hyphens, starting with a letter."),
    TEMPLATE_KEY_MISMATCH("template-key-mismatch", "The key in the template differs from the key it is saved under."),
    TEMPLATE_NAME_MISSING("template-name-missing", "The template has no name."),
    TEMPLATE_NAME_TOO_LONG("template-name-too-long", "The template name is longer than " + Limits.TEMPLATE_NAME
            + " characters; the engine stores it with its version in 255."),
    TEMPLATE_INDUSTRY_TOO_LONG("template-industry-too-long", "The template's industry is longer than " + Limits.INDUSTRY
            + " characters."),
    TEMPLATE_NO_STAGES("template-no-stages", "The template has no stage."),

    // Names
    NAME_CONTROL_CHARACTER("name-control-character", "A name contains a control character."),
    NAME_EXPRESSION("name-expression", "A name contains '${' or '#{'; names are plain text."),
    NAME_TOO_LONG("name-too-long", "A name is longer than 300 characters."),

    // Roles and assignees
    ROLE_KEY_INVALID("role-key-invalid", "A role key is not a letter followed by letters, digits and single underscores."),
    ROLE_UNKNOWN("role-unknown", "An assignee or approver names a role the template does not declare."),
    ASSIGNEE_INVALID("assignee-invalid", "A user: or group: reference names nobody."),
    ASSIGNEE_UNKNOWN_USER("assignee-unknown-user", "A user: reference names nobody in the publishing workspace."),

    // Modules
    MODULE_UNKNOWN("module-unknown", "The template needs a module that does not exist."),
    MODULE_NOT_ENABLED("module-not-enabled", "The template needs a module that is switched off in this workspace."),
    CRITERION_MODULE_NOT_REQUIRED("criterion-module-not-required",
            "A gate criterion is judged by a module the template does not list under modules."),

    // Fields
    FIELD_KEY_MISSING("field-key-missing", "A field has no key."),
    FIELD_KEY_INVALID("field-key-invalid", "A field key is malformed or a reserved word."),
    FIELD_DUPLICATE_KEY("field-duplicate-key", "Two fields share a key; field keys are unique across the template."),
    FIELD_TYPE_MISSING("field-type-missing", "A field has no type."),
    FIELD_UNKNOWN_TYPE("field-unknown-type", "A field's type does not exist."),
    FIELD_RULE_NOT_APPLICABLE("field-rule-not-applicable", "A field rule (min, maxLength, pattern, options, currency) does not fit the field's type."),
    FIELD_RANGE_EMPTY("field-range-empty", "A field's minimum is greater than its maximum, so no value fits."),
    FIELD_LENGTH_NEGATIVE("field-length-negative", "A field's minLength or maxLength is negative."),
    FIELD_LENGTH_TOO_LARGE("field-length-too-large", "A field's minLength or maxLength is more than its type holds: "
            + "20,000 characters for text and textarea, 2,000 for url and email."),
    FIELD_PATTERN_INVALID("field-pattern-invalid", "A field's pattern is not a valid regular expression."),
    FIELD_OPTIONS_MISSING("field-options-missing", "A select or multiselect field has no options."),
    FIELD_OPTION_MISSING_VALUE("field-option-missing-value", "An option of a field has no value."),
    FIELD_OPTION_DUPLICATE("field-option-duplicate", "An option value is listed twice in one field."),
    FIELD_CURRENCY_INVALID("field-currency-invalid", "A money field's currency is not an ISO-4217 code such as EUR."),

    // What the health score reads from the project's fields
    INSIGHT_FIELD_MISSING("insight-field-missing", "The insight section names only one of budgetField and actualField."),
    INSIGHT_UNKNOWN_FIELD("insight-unknown-field", "The insight section names a field the template does not declare."),
    INSIGHT_FIELD_NOT_MONEY("insight-field-not-money", "The insight section names a field that is not a money field."),

    // Stages
    STAGE_KEY_MISSING("stage-key-missing", "A stage has no key."),
    STAGE_KEY_INVALID("stage-key-invalid", "A stage key is not a letter followed by letters, digits and single underscores."),
    STAGE_DUPLICATE_KEY("stage-duplicate-key", "Two stages share a key."),
    STAGE_NAME_TOO_LONG("stage-name-too-long", "A stage name is longer than " + Limits.ENGINE_NAME + " characters."),
    STAGE_UNKNOWN_OWNER("stage-unknown-owner", "A stage's owner is not a role of the template."),
    STAGE_AFTER_ITSELF("stage-after-itself", "A stage lists itself in after."),
    STAGE_UNKNOWN_PREREQUISITE("stage-unknown-prerequisite", "A stage comes after a stage the template does not have."),
    STAGE_DUPLICATE_PREREQUISITE("stage-duplicate-prerequisite", "A stage lists the same stage twice in after."),
    STAGE_CYCLE("stage-cycle", "Stages wait for each other in a circle, so none of them can start."),
    STAGE_UNREACHABLE("stage-unreachable", "A stage waits for stages caught in a circle, so it can never start."),
    STAGE_ALERT_WITHOUT_DURATION("stage-alert-without-duration", "A stage has alertAfter but no duration to count it from."),
    DURATION_INVALID("duration-invalid", "A duration is not an ISO-8601 duration such as P5D or PT4H."),

    // Tasks
    TASK_KEY_MISSING("task-key-missing", "A task has no key."),
    TASK_KEY_INVALID("task-key-invalid", "A task key is not a letter followed by letters, digits and single underscores."),
    TASK_DUPLICATE_KEY("task-duplicate-key", "Two tasks of one stage share a key."),
    TASK_NAME_TOO_LONG("task-name-too-long", "A task name is longer than " + Limits.ENGINE_NAME + " characters."),
    TASK_ASSIGNEE_MISSING("task-assignee-missing", "A task has no assignee."),
    TASK_REQUIRES_ITSELF("task-requires-itself", "A task lists itself in requires."),
    TASK_UNKNOWN_REQUIREMENT("task-unknown-requirement", "A task requires a task its stage does not have."),
    TASK_DUPLICATE_REQUIREMENT("task-duplicate-requirement", "A task lists the same task twice in requires."),
    TASK_CYCLE("task-cycle", "Tasks of a stage require each other in a circle, so none of them can start."),

    // Gates and their criteria
    CRITERION_EMPTY("criterion-empty", "A gate criterion has none of field, expression, allTasksDone, noOpenHighRisk or releaseReady."),
    CRITERION_FIELD_MISSING("criterion-field-missing", "A field criterion does not name its field."),
    CRITERION_UNKNOWN_FIELD("criterion-unknown-field", "A field criterion names a field the template does not have."),
    CRITERION_MESSAGE_TOO_LONG("criterion-message-too-long", "An expression criterion's message is longer than "
            + Limits.CRITERION_MESSAGE + " characters."),
    GATE_UNKNOWN_REJECT_TARGET("gate-unknown-reject-target", "A gate's onReject names a stage the template does not have."),
    GATE_REJECT_TARGET_NOT_EARLIER("gate-reject-target-not-earlier", "A gate's onReject names a stage that does not come before it."),
    GATE_UNKNOWN_RESUBMIT("gate-unknown-resubmit", "A gate's resubmit is neither direct nor replay."),
    GATE_UNKNOWN_OUTCOME("gate-unknown-outcome", "A gate's outcomes name something other than go, conditional, hold, kill or recycle."),
    GATE_DUPLICATE_OUTCOME("gate-duplicate-outcome", "A gate lists the same outcome twice."),
    GATE_OUTCOMES_WITHOUT_GO("gate-outcomes-without-go", "A gate's outcomes leave out go, so no project could pass it."),
    GATE_OUTCOMES_WITHOUT_APPROVAL("gate-outcomes-without-approval", "A gate without an approval offers outcomes other than go; only approvers choose them."),

    // Approvals
    APPROVAL_NO_APPROVERS("approval-no-approvers", "An approval has no approvers."),
    APPROVAL_DUPLICATE_APPROVER("approval-duplicate-approver", "An approver is listed twice in one approval."),
    APPROVAL_TIMEOUT_AFTER_MISSING("approval-timeout-after-missing", "An approval's timeout has no 'after' duration."),
    APPROVAL_TIMEOUT_UNKNOWN_ACTION("approval-timeout-unknown-action", "An approval's timeout action is not remind, approve or reject."),
    APPROVAL_TIMEOUT_REPEAT_INVALID("approval-timeout-repeat-invalid", "An approval's timeout repeats fewer than 1 or more than 10 times, or repeats an approve or reject."),
    APPROVAL_UNKNOWN_MODE("approval-unknown-mode", "An approval mode is not any, all, quorum:N or sequential."),
    APPROVAL_QUORUM_UNREACHABLE("approval-quorum-unreachable", "A quorum is larger than the number of named users who approve."),
    APPROVAL_QUORUM_DEPENDS_ON_ROLES("approval-quorum-depends-on-roles", "A quorum is larger than the listed approvers; it holds only if their roles and groups have enough people."),

    // Expressions
    EXPRESSION_EMPTY("expression-empty", "An expression criterion has an empty expression."),
    EXPRESSION_MESSAGE_MISSING("expression-message-missing", "An expression criterion has no message saying what is wrong."),
    EXPRESSION_INVALID("expression-invalid", "An expression does not compile, uses an unknown field or a type wrongly, or uses something the sandbox forbids.");

    private final String code;
    private final String description;

    ProblemCode(String code, String description) {
        this.code = code;
        this.description = description;
    }

    /** The stable kebab-case code that appears in reports and API responses. */
    public String code() {
        return code;
    }

    /** What the problem means, in a line a process admin understands. */
    public String description() {
        return description;
    }
}
