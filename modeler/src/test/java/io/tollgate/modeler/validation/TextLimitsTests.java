package io.tollgate.modeler.validation;

import io.tollgate.modeler.parse.TemplateReader;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/**
 * Names and texts of a template fit where the runtime keeps them: Flowable's 255-character name
 * columns, Tollgate's own columns, and PostgreSQL text, which cannot hold NUL.
 */
class TextLimitsTests {

    private final TemplateReader reader = new TemplateReader();
    private final TemplateValidator validator = new TemplateValidator();

    private ValidationReport validate(String json) {
        TemplateReader.Result read = reader.read(json);
        return validator.validate(read.template(), read.problems(), ValidationContext.standalone(null));
    }

    /** A valid template as JSON, so any text can go in with JSON escapes. */
    private static String template(String name, String industry, String stageName, String taskName, String message) {
        return """
                { "key": "limits", "name": %s, "industry": %s,
                  "roles": { "pm": { "name": "PM" } },
                  "fields": [ { "key": "budget", "type": "money" } ],
                  "stages": [ { "key": "one", "name": %s,
                                "tasks": [ { "key": "t", "name": %s, "assignee": "pm" } ],
                                "gate": { "criteria": [ { "expression": "budget > 0", "message": %s } ],
                                          "approval": { "approvers": ["pm"] } } } ] }
                """.formatted(quote(name), quote(industry), quote(stageName), quote(taskName), quote(message));
    }

    private static String quote(String text) {
        return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"").replace("\u0000", "\\u0000") + "\"";
    }

    private static String letters(int count) {
        return "n".repeat(count);
    }

    @Test
    void acceptsTextsRightAtTheirLimits() {
        assertThat(validate(template(letters(200), letters(100), letters(255), letters(255), letters(1000))).errors())
                .isEmpty();
    }

    @Test
    void refusesATemplateNameTheEngineCannotStoreWithItsVersion() {
        assertThat(validate(template(letters(201), "it", "One", "T", "Needs a budget")).errors())
                .extracting(Problem::code, Problem::path)
                .containsExactly(tuple("template-name-too-long", "$.name"));
    }

    @Test
    void refusesAnIndustryLongerThanOneHundredCharacters() {
        assertThat(validate(template("Limits", letters(101), "One", "T", "Needs a budget")).errors())
                .extracting(Problem::code, Problem::path, Problem::message)
                .containsExactly(tuple("template-industry-too-long", "$.industry",
                        "The industry has at most 100 characters."));
    }

    @Test
    void refusesStageAndTaskNamesLongerThanTheEnginesNameColumns() {
        assertThat(validate(template("Limits", "it", letters(256), letters(256), "Needs a budget")).errors())
                .extracting(Problem::code, Problem::path).containsExactlyInAnyOrder(
                        tuple("stage-name-too-long", "$.stages[0].name"),
                        tuple("task-name-too-long", "$.stages[0].tasks[0].name"));
    }

    @Test
    void refusesACriterionMessageLongerThanAThousandCharacters() {
        assertThat(validate(template("Limits", "it", "One", "T", letters(1001))).errors())
                .extracting(Problem::code, Problem::path)
                .containsExactly(tuple("criterion-message-too-long", "$.stages[0].gate.criteria[0].message"));
    }

    @Test
    void refusesNulInTheIndustryAndInCriterionMessages() {
        assertThat(validate(template("Limits", "i\u0000t", "One", "T", "Needs\u0000a budget")).errors())
                .extracting(Problem::code, Problem::path).containsExactlyInAnyOrder(
                        tuple("name-control-character", "$.industry"),
                        tuple("name-control-character", "$.stages[0].gate.criteria[0].message"));
    }

    @Test
    void refusesControlCharactersInOptionValuesAndLanguageTags() {
        ValidationReport report = validate("""
                { "key": "limits", "name": "Limits", "names": { "zh\\u0000CN": "名称" },
                  "roles": { "pm": { "name": "PM" } },
                  "fields": [ { "key": "size", "type": "select", "options": [ "small", "l\\u0000rge" ] } ],
                  "stages": [ { "key": "one", "tasks": [ { "key": "t", "assignee": "pm" } ] } ] }
                """);

        assertThat(report.errors()).extracting(Problem::code, Problem::path).containsExactlyInAnyOrder(
                tuple("name-control-character", "$.names"),
                tuple("name-control-character", "$.fields[0].options[1].value"));
    }

    @Test
    void refusesAnOptionValueLongerThanANameCanBe() {
        ValidationReport report = validate("""
                { "key": "limits", "name": "Limits", "roles": { "pm": { "name": "PM" } },
                  "fields": [ { "key": "size", "type": "select", "options": [ "%s" ] } ],
                  "stages": [ { "key": "one", "tasks": [ { "key": "t", "assignee": "pm" } ] } ] }
                """.formatted(letters(301)));

        assertThat(report.errors()).extracting(Problem::code, Problem::path)
                .containsExactly(tuple("name-too-long", "$.fields[0].options[0].value"));
    }

    @Test
    void refusesAUserOrGroupReferenceLongerThanAnyUserOrGroupName() {
        ValidationReport report = validate("""
                { "key": "limits", "name": "Limits",
                  "stages": [ { "key": "one", "tasks": [ { "key": "t", "assignee": "user:%s" } ],
                                "gate": { "approval": { "approvers": [ "group:q\\u0000a" ] } } } ] }
                """.formatted(letters(101)));

        assertThat(report.errors()).extracting(Problem::code, Problem::path).containsExactlyInAnyOrder(
                tuple("assignee-invalid", "$.stages[0].tasks[0].assignee"),
                tuple("assignee-invalid", "$.stages[0].gate.approval.approvers[0]"));
    }

    @Test
    void refusesAFieldMaxLengthAboveWhatItsTypeCanHold() {
        ValidationReport report = validate("""
                { "key": "limits", "name": "Limits", "roles": { "pm": { "name": "PM" } },
                  "fields": [ { "key": "notes", "type": "textarea", "maxLength": 20000 },
                              { "key": "summary", "type": "text", "maxLength": 20001 },
                              { "key": "link", "type": "url", "maxLength": 2001 } ],
                  "stages": [ { "key": "one", "tasks": [ { "key": "t", "assignee": "pm" } ] } ] }
                """);

        assertThat(report.errors()).extracting(Problem::code, Problem::path).containsExactlyInAnyOrder(
                tuple("field-length-too-large", "$.fields[1].maxLength"),
                tuple("field-length-too-large", "$.fields[2].maxLength"));
    }
}
