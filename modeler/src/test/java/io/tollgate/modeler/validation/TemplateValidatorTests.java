package io.tollgate.modeler.validation;

import io.tollgate.modeler.TemplateFixtures;
import io.tollgate.modeler.parse.TemplateReader;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

class TemplateValidatorTests {

    private final TemplateReader reader = new TemplateReader();
    private final TemplateValidator validator = new TemplateValidator();

    private ValidationReport validate(String yaml) {
        TemplateReader.Result read = reader.read(yaml);
        return validator.validate(read.template(), read.problems(), ValidationContext.standalone(null));
    }

    @Test
    void acceptsAWellFormedTemplate() {
        assertThat(validate(TemplateFixtures.fiveStages()).errors()).isEmpty();
    }

    @Test
    void reportsEveryProblemAtOnceWithItsPath() {
        ValidationReport report = validate(TemplateFixtures.threeProblems());

        assertThat(report.valid()).isFalse();
        assertThat(report.errors()).extracting(Problem::code, Problem::path).containsExactlyInAnyOrder(
                tuple("template-name-missing", "$.name"),
                tuple("stage-duplicate-key", "$.stages[1].key"),
                tuple("role-unknown", "$.stages[1].tasks[0].assignee"));
    }

    @Test
    void reportsCyclesInStagesAndTasks() {
        ValidationReport report = validate("""
                key: cyclic
                name: Cyclic
                roles: { pm: { name: PM } }
                stages:
                  - { key: a, after: [c], tasks: [ { key: x, assignee: pm, requires: [y] }, { key: y, assignee: pm, requires: [x] } ] }
                  - { key: b, after: [a] }
                  - { key: c, after: [b] }
                  - { key: d, after: [c] }
                """);

        assertThat(report.errors()).extracting(Problem::code)
                .contains("stage-cycle", "task-cycle", "stage-unreachable");
        assertThat(report.errors()).filteredOn(p -> p.code().equals("stage-unreachable"))
                .extracting(Problem::path).containsExactly("$.stages[3]");
    }

    @Test
    void reportsShapeProblemsFromTheReader() {
        ValidationReport report = validate("""
                key: shapes
                name: Shapes
                colour: blue
                stages:
                  - key: a
                    duration: five days
                    fields: [ { key: f, type: colour } ]
                    gate: { approval: { approvers: ["user:a"], mode: "quorum:2" } }
                """);

        assertThat(report.errors()).extracting(Problem::code, Problem::path).contains(
                tuple("unknown-property", "$.colour"),
                tuple("duration-invalid", "$.stages[0].duration"),
                tuple("field-unknown-type", "$.stages[0].fields[0].type"),
                tuple("approval-quorum-unreachable", "$.stages[0].gate.approval.mode"));
    }

    @Test
    void reportsSyntaxErrorsWithTheirPosition() {
        ValidationReport report = validate("key: [unclosed");

        assertThat(report.errors()).singleElement().satisfies(p -> {
            assertThat(p.code()).isEqualTo("document-syntax");
            assertThat(p.message()).contains("line");
        });
    }
}
