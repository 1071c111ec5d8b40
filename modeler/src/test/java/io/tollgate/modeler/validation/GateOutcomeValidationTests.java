package io.tollgate.modeler.validation;

import io.tollgate.modeler.model.Outcome;
import io.tollgate.modeler.model.Timeout;
import io.tollgate.modeler.parse.TemplateReader;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

class GateOutcomeValidationTests {

    private final TemplateReader reader = new TemplateReader();
    private final TemplateValidator validator = new TemplateValidator();

    private TemplateReader.Result read(String gate) {
        return reader.read("""
                key: outcomes
                name: Outcomes
                stages:
                  - key: a
                    tasks: [ { key: t, assignee: "user:alice" } ]
                    gate: %s
                """.formatted(gate));
    }

    private ValidationReport validate(String gate) {
        TemplateReader.Result read = read(gate);
        return validator.validate(read.template(), read.problems(), ValidationContext.standalone(null));
    }

    @Test
    void aGateOffersGoAndRecycleUnlessItSaysOtherwise() {
        assertThat(read("{ approval: { approvers: [\"user:bob\"] } }").template().stages().get(0).gate().outcomes())
                .containsExactly(Outcome.GO, Outcome.RECYCLE);
        TemplateReader.Result all = read("""
                { outcomes: [go, conditional, hold, kill, recycle], blockOnLapsedConditions: true,
                  approval: { approvers: ["user:bob"], timeout: { after: PT48H, action: remind, repeat: 3 } } }""");
        assertThat(all.problems()).isEmpty();
        assertThat(all.template().stages().get(0).gate().outcomes()).hasSize(5);
        assertThat(all.template().stages().get(0).gate().blockOnLapsedConditions()).isTrue();
        Timeout timeout = all.template().stages().get(0).gate().approval().timeout();
        assertThat(timeout).isEqualTo(new Timeout("PT48H", Timeout.Action.REMIND, 3));
    }

    @Test
    void reportsOutcomesAndTimeoutsThatCannotWork() {
        assertThat(validate("{ outcomes: [hold, pause, hold], approval: { approvers: [\"user:bob\"] } }").errors())
                .extracting(Problem::code, Problem::path).contains(
                        tuple("gate-unknown-outcome", "$.stages[0].gate.outcomes[1]"),
                        tuple("gate-duplicate-outcome", "$.stages[0].gate.outcomes[2]"));
        assertThat(validate("{ outcomes: [hold, kill], approval: { approvers: [\"user:bob\"] } }").errors())
                .extracting(Problem::code).contains("gate-outcomes-without-go");
        assertThat(validate("{ outcomes: [go, kill] }").errors())
                .extracting(Problem::code).contains("gate-outcomes-without-approval");
        assertThat(validate("""
                { approval: { approvers: ["user:bob"], timeout: { action: escalate, repeat: 11 } } }""").errors())
                .extracting(Problem::code).contains("approval-timeout-after-missing", "approval-timeout-unknown-action",
                        "approval-timeout-repeat-invalid");
        assertThat(validate("""
                { approval: { approvers: ["user:bob"], timeout: { after: soon, action: approve, repeat: 2 } } }""").errors())
                .extracting(Problem::code, Problem::path).contains(
                        tuple("duration-invalid", "$.stages[0].gate.approval.timeout.after"),
                        tuple("approval-timeout-repeat-invalid", "$.stages[0].gate.approval.timeout.repeat"));
    }
}
