package io.tollgate.modeler.parse;

import io.tollgate.modeler.validation.Problem;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

class TemplateReaderTests {

    private final TemplateReader reader = new TemplateReader();

    /** A well-formed template with {@code stages} stages of three tasks each, about 0.9 KB per stage. */
    static String stages(int stages) {
        StringBuilder yaml = new StringBuilder("""
                key: many-stages
                name: Many stages
                roles: { pm: { name: Project manager }, dev: { name: Developer } }
                stages:
                """);
        for (int i = 0; i < stages; i++) {
            yaml.append("""
                      - key: stage%1$d
                        name: Stage number %1$d of the delivery process
                        duration: P5D
                        fields:
                          - { key: field%1$d, type: money, name: Budget of stage %1$d, min: 0 }
                        tasks:
                          - { key: plan, name: Plan the work of stage %1$d, assignee: pm }
                          - { key: build, name: Build what stage %1$d delivers, assignee: dev, requires: [plan] }
                          - { key: check, name: Check what stage %1$d delivered, assignee: pm, requires: [build] }
                        gate:
                          criteria: [ { field: field%1$d }, { expression: "field%1$d <= 500000", message: Budgets over 500k go to the board } ]
                          approval: { approvers: [pm], mode: all }
                    """.formatted(i));
        }
        return yaml.toString();
    }

    @Test
    void readsATemplateOfTwoHundredStages() {
        String text = stages(200);

        TemplateReader.Result read = reader.read(text);

        assertThat(read.problems()).isEmpty();
        assertThat(read.template().stages()).hasSize(200);
    }

    @Test
    void refusesATextOfMoreThanAMillionCharactersWithoutParsingIt() {
        String text = "key: big\nname: Big\nstages: [ { key: one } ]\n# " + "x".repeat(1_000_000);

        TemplateReader.Result read = reader.read(text);

        assertThat(read.template()).isNull();
        assertThat(read.problems()).extracting(Problem::code, Problem::path)
                .containsExactly(tuple("template-too-large", "$"));
        assertThat(read.problems().get(0).message()).contains("1,000,000 characters");
    }

    @Test
    void refusesYamlNestedDeeperThanATemplateEverIs() {
        String text = "key: deep\nname: " + "[".repeat(100) + "]".repeat(100) + "\n";

        assertThat(reader.read(text).problems()).extracting(Problem::code)
                .containsExactly("template-too-large");
    }

    @Test
    void refusesJsonNestedDeeperThanATemplateEverIs() {
        String text = "{\"key\": \"deep\", \"name\": " + "[".repeat(100) + "]".repeat(100) + "}";

        assertThat(reader.read(text, TemplateFormat.JSON).problems()).extracting(Problem::code)
                .containsExactly("template-too-large");
    }

    @Test
    void reportsAnInfiniteBoundInsteadOfThrowing() {
        String text = """
                key: inf
                name: Infinite
                fields: [ { key: budget, type: money, min: 1e400, max: -1e400 } ]
                stages: [ { key: one } ]
                """;

        assertThat(reader.read(text).problems()).extracting(Problem::code, Problem::path).containsExactlyInAnyOrder(
                tuple("wrong-type", "$.fields[0].min"),
                tuple("wrong-type", "$.fields[0].max"));
    }
}
