package io.tollgate.modeler.validation;

import io.tollgate.modeler.model.InsightDef;
import io.tollgate.modeler.parse.TemplateReader;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The insight section: read, and accepted only when it names two money fields of the template. */
class InsightSectionTests {

    private static final String TEMPLATE = """
            key: costed
            name: Costed
            fields:
              - { key: approvedBudget, type: money, currency: CNY }
              - { key: spentSoFar, type: money, currency: CNY }
              - { key: note, type: text }
            %s
            stages:
              - key: build
                fields: [ { key: stageCost, type: money } ]
            """;

    private static TemplateReader.Result read(String insight) {
        return new TemplateReader().read(TEMPLATE.formatted(insight));
    }

    private static ValidationReport validate(String insight) {
        TemplateReader.Result read = read(insight);
        return new TemplateValidator().validate(read.template(), read.problems(), ValidationContext.standalone(null));
    }

    @Test
    void readsTheBudgetAndActualFields() {
        TemplateReader.Result read = read("insight: { budgetField: approvedBudget, actualField: spentSoFar }");
        assertThat(read.problems()).isEmpty();
        assertThat(read.template().insight()).isEqualTo(new InsightDef("approvedBudget", "spentSoFar"));
        assertThat(validate("insight: { budgetField: approvedBudget, actualField: stageCost }").errors())
                .as("a stage's money field counts too").isEmpty();
        assertThat(read("").template().insight()).isNull();
    }

    @Test
    void refusesAFieldThatIsNotMoneyOrNotThere() {
        assertThat(validate("insight: { budgetField: approvedBudget, actualField: note }").errors()).singleElement()
                .satisfies(p -> {
                    assertThat(p.code()).isEqualTo("insight-field-not-money");
                    assertThat(p.path()).isEqualTo("$.insight.actualField");
                });
        assertThat(validate("insight: { budgetField: nowhere, actualField: spentSoFar }").errors())
                .extracting(Problem::code).containsExactly("insight-unknown-field");
    }

    @Test
    void refusesHalfASection() {
        assertThat(validate("insight: { budgetField: approvedBudget }").errors()).singleElement().satisfies(p -> {
            assertThat(p.code()).isEqualTo("insight-field-missing");
            assertThat(p.path()).isEqualTo("$.insight.actualField");
        });
    }

    @Test
    void refusesAnUnknownPropertyOrShape() {
        assertThat(read("insight: { budgetField: approvedBudget, actualField: spentSoFar, forecast: yes }").problems())
                .extracting(Problem::code).containsExactly("unknown-property");
        assertThat(read("insight: [approvedBudget]").problems()).extracting(Problem::code).containsExactly("wrong-type");
    }
}
