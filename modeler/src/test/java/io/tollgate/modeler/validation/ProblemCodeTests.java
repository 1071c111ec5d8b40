package io.tollgate.modeler.validation;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;

class ProblemCodeTests {

    /**
     * Every code tools may rely on, sorted. A code is part of the API: renaming or dropping one
     * breaks this list on purpose; adding one means adding it here and to docs/templates.md.
     */
    private static final List<String> CATALOGUE = List.of(
            "approval-duplicate-approver",
            "approval-no-approvers",
            "approval-quorum-depends-on-roles",
            "approval-quorum-unreachable",
            "approval-timeout-after-missing",
            "approval-timeout-repeat-invalid",
            "approval-timeout-unknown-action",
            "approval-unknown-mode",
            "assignee-invalid",
            "assignee-unknown-user",
            "criterion-empty",
            "criterion-field-missing",
            "criterion-message-too-long",
            "criterion-module-not-required",
            "criterion-unknown-field",
            "document-empty",
            "document-not-object",
            "document-syntax",
            "duration-invalid",
            "expression-empty",
            "expression-invalid",
            "expression-message-missing",
            "field-currency-invalid",
            "field-duplicate-key",
            "field-key-invalid",
            "field-key-missing",
            "field-length-negative",
            "field-length-too-large",
            "field-option-duplicate",
            "field-option-missing-value",
            "field-options-missing",
            "field-pattern-invalid",
            "field-range-empty",
            "field-rule-not-applicable",
            "field-type-missing",
            "field-unknown-type",
            "gate-duplicate-outcome",
            "gate-outcomes-without-approval",
            "gate-outcomes-without-go",
            "gate-reject-target-not-earlier",
            "gate-unknown-outcome",
            "gate-unknown-reject-target",
            "gate-unknown-resubmit",
            "insight-field-missing",
            "insight-field-not-money",
            "insight-unknown-field",
            "module-not-enabled",
            "module-unknown",
            "name-control-character",
            "name-expression",
            "name-too-long",
            "role-key-invalid",
            "role-unknown",
            "stage-after-itself",
            "stage-alert-without-duration",
            "stage-cycle",
            "stage-duplicate-key",
            "stage-duplicate-prerequisite",
            "stage-key-invalid",
            "stage-key-missing",
            "stage-name-too-long",
            "stage-unknown-owner",
            "stage-unknown-prerequisite",
            "stage-unreachable",
            "task-assignee-missing",
            "task-cycle",
            "task-duplicate-key",
            "task-duplicate-requirement",
            "task-key-invalid",
            "task-key-missing",
            "task-name-too-long",
            "task-requires-itself",
            "task-unknown-requirement",
            "template-industry-too-long",
            "template-key-invalid",
            "template-key-mismatch",
            "template-key-missing",
            "template-name-missing",
            "template-name-too-long",
            "template-no-stages",
            "template-too-large",
            "unknown-property",
            "wrong-type");

    private static List<String> codes() {
        return Arrays.stream(ProblemCode.values()).map(ProblemCode::code).toList();
    }

    @Test
    void catalogueIsExactlyThePinnedList() {
        assertThat(codes().stream().sorted().toList()).isEqualTo(CATALOGUE);
    }

    @Test
    void codesAreUniqueAndKebabCase() {
        assertThat(codes()).doesNotHaveDuplicates()
                .allSatisfy(code -> assertThat(code).matches("[a-z]+(-[a-z]+)*"));
    }

    @Test
    void eachConstantIsNamedAfterItsCode() {
        assertThat(ProblemCode.values()).allSatisfy(c ->
                assertThat(c.code()).isEqualTo(c.name().toLowerCase(Locale.ROOT).replace('_', '-')));
    }

    @Test
    void everyCodeSaysWhatItMeansInOneLine() {
        assertThat(ProblemCode.values()).allSatisfy(c -> assertThat(c.description())
                .as(c.code()).isNotBlank().doesNotContain("\n").endsWith("."));
    }

    @Test
    void problemsCarryTheCodeAsWritten() {
        Problem problem = Problem.error(ProblemCode.STAGE_UNKNOWN_PREREQUISITE, "$.stages[1].after[0]", "message");

        assertThat(problem.code()).isEqualTo("stage-unknown-prerequisite");
        assertThat(problem.isError()).isTrue();
        assertThat(Problem.warning(ProblemCode.APPROVAL_QUORUM_DEPENDS_ON_ROLES, "$", "m").isError()).isFalse();
    }
}
