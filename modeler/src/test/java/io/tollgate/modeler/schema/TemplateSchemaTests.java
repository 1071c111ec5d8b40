package io.tollgate.modeler.schema;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.networknt.schema.DisallowUnknownKeywordFactory;
import com.networknt.schema.JsonMetaSchema;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaId;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import io.tollgate.modeler.TemplateFixtures;
import io.tollgate.modeler.model.ApprovalMode;
import io.tollgate.modeler.model.Durations;
import io.tollgate.modeler.model.FieldType;
import io.tollgate.modeler.parse.TemplateReader;
import io.tollgate.modeler.validation.TemplateValidator;
import io.tollgate.modeler.validation.ValidationContext;
import io.tollgate.modeler.validation.ValidationReport;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.Field;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

/**
 * The JSON Schema of the template language (tollgate/template-schema.json) that editors use: it is a
 * sound draft 2020-12 schema, it accepts every template Tollgate ships, it refuses broken documents at
 * the right spot, and it says the same as the reader and the model about names, types and spellings.
 */
class TemplateSchemaTests {

    private static final String SCHEMA_RESOURCE = "/tollgate/template-schema.json";
    /** Surefire runs in the module's directory, so the shipped templates are one module over. */
    private static final Path SHIPPED_TEMPLATES = Path.of("../process-templates/src/main/resources/tollgate/templates");

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    /** Small but complete: every broken document below is this one with one thing changed. */
    private static final String MINIMAL = """
            key: minimal
            name: Minimal
            roles: { pm: Project manager }
            fields:
              - { key: budget, type: money, currency: EUR, min: 0 }
            stages:
              - key: only
                duration: P5D
                tasks: [ { key: work, assignee: pm } ]
                gate: { approval: { approvers: [pm], mode: all } }
            """;

    private static JsonNode schemaTree;
    private static JsonSchema schema;

    @BeforeAll
    static void loadSchema() throws IOException {
        try (InputStream in = TemplateSchemaTests.class.getResourceAsStream(SCHEMA_RESOURCE)) {
            assertThat(in).as("%s on the classpath", SCHEMA_RESOURCE).isNotNull();
            schemaTree = JSON.readTree(in);
        }
        schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(schemaTree);
    }

    // --- the schema itself -------------------------------------------------------------------------

    @Test
    void schemaIsAValidDraft202012SchemaWithItsId() {
        JsonSchema metaSchema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012)
                .getSchema(SchemaLocation.of(SchemaId.V202012));

        assertThat(metaSchema.validate(schemaTree)).isEmpty();
        assertThat(schemaTree.path("$schema").asText()).isEqualTo(SchemaId.V202012);
        assertThat(schemaTree.path("$id").asText()).isEqualTo("https://tollgate.io/schemas/template.json");
    }

    @Test
    void schemaUsesOnlyKeywordsThatDraft202012Knows() {
        // a misspelt keyword (additionalProperty, minitems) would otherwise be ignored without a word
        assertThatCode(() -> strictFactory().getSchema(schemaTree).initializeValidators()).doesNotThrowAnyException();
    }

    @Test
    void everyPatternInTheSchemaIsARegularExpression() {
        List<String> patterns = new ArrayList<>();
        collectPatterns(schemaTree, patterns);

        assertThat(patterns).hasSizeGreaterThanOrEqualTo(8);
        assertThat(patterns).allSatisfy(p -> assertThatCode(() -> Pattern.compile(p)).as(p).doesNotThrowAnyException());
    }

    @Test
    void mainElementsHaveATitleAndADescriptionForEditorTooltips() {
        assertThat(schemaTree.path("title").asText()).isNotBlank();
        assertThat(schemaTree.path("description").asText()).isNotBlank();
        for (String def : List.of("role", "field", "option", "stage", "task", "gate", "approval", "approvalMode",
                "criterion", "names", "duration")) {
            JsonNode node = schemaTree.path("$defs").path(def);
            assertThat(node.path("description").asText()).as("$defs/%s description", def).isNotBlank();
        }
        for (String def : List.of("field", "stage", "task", "gate", "approval")) {
            schemaTree.path("$defs").path(def).path("properties").fields().forEachRemaining(p ->
                    assertThat(p.getValue().has("description") || p.getValue().has("$ref"))
                            .as("$defs/%s/properties/%s has a description", def, p.getKey()).isTrue());
        }
    }

    // --- what it accepts ---------------------------------------------------------------------------

    @Test
    void everyShippedTemplateValidates() throws IOException {
        List<Path> templates;
        try (Stream<Path> files = Files.list(SHIPPED_TEMPLATES)) {
            templates = files.filter(f -> f.getFileName().toString().endsWith(".yaml")).sorted().toList();
        }

        assertThat(templates).as("shipped templates in %s", SHIPPED_TEMPLATES.toAbsolutePath()).isNotEmpty();
        for (Path template : templates) {
            assertThat(messages(Files.readString(template, StandardCharsets.UTF_8)))
                    .as("schema errors in %s", template.getFileName()).isEmpty();
        }
    }

    @Test
    void theFixtureTemplatesValidate() {
        assertThat(messages(TemplateFixtures.fiveStages())).isEmpty();
        assertThat(messages(MINIMAL)).isEmpty();
    }

    @Test
    void acceptsTheShorthandsTheReaderAcceptsAndTheValidatorAgrees() {
        String yaml = """
                key: shorthands
                name: Shorthands
                modules: budget
                roles:
                  pm: Project manager
                  qa: { name: QA lead, names: { zh-CN: 测试负责人, pt-BR: Líder de QA } }
                  dev:
                fields:
                  - key: priority
                    type: select
                    options: [ low, { value: high, name: High, names: { zh-CN: 高 } }, 3 ]
                  - { key: summary, type: text, minLength: 1, maxLength: 200, pattern: "^[A-Z].*" }
                stages:
                  - key: first
                    after: []
                    duration: P1DT12H
                    alertAfter: PT4H
                    tasks:
                      - { key: a, assignee: pm, duration: PT30M }
                      - { key: b, assignee: "user:alice", requires: a }
                      - { key: c, assignee: "group:ops", requires: [a, b] }
                    gate:
                      criteria:
                        - { field: priority }
                        - { expression: "summary != null", message: Write a summary. }
                        - { allTasksDone: true }
                      approval: { approvers: qa, mode: "quorum:1" }
                      resubmit: direct
                  - key: second
                    after: first
                    when: "priority == 'high'"
                    gate: { approval: { approvers: [pm, "user:bob"], mode: sequential }, onReject: first }
                """;

        assertThat(messages(yaml)).isEmpty();
        TemplateReader.Result read = new TemplateReader().read(yaml);
        ValidationReport report = new TemplateValidator().validate(read.template(), read.problems(),
                ValidationContext.standalone(null));
        assertThat(report.errors()).isEmpty();
    }

    // --- what it refuses, and where ----------------------------------------------------------------

    @Test
    void refusesAnUnknownPropertyAtTopLevel() {
        assertRefused(MINIMAL + "colour: red\n", "$", "colour");
    }

    @Test
    void refusesAnUnknownPropertyInAStage() {
        assertRefused(change(MINIMAL, "duration: P5D", "duration: P5D\n    deadline: P6D"), "$.stages[0]", "deadline");
    }

    @ParameterizedTest
    @ValueSource(strings = {"string", "Text", "integer", "currency"})
    void refusesAFieldTypeOutsideTheFifteen(String type) {
        // the message names the spot and lists the types to choose from
        assertRefused(change(MINIMAL, "type: money, currency: EUR, min: 0", "type: " + type), "$.fields[0].type",
                "$.fields[0].type");
        assertRefused(change(MINIMAL, "type: money, currency: EUR, min: 0", "type: " + type), "$.fields[0].type",
                "multiselect");
    }

    @ParameterizedTest
    @ValueSource(strings = {"quorum:0", "most", "quorum:", "quorum:-1", "quorum:two", "ALL"})
    void refusesApprovalModesThatDoNotExist(String mode) {
        String broken = change(MINIMAL, "mode: all", "mode: \"" + mode + "\"");

        assertRefused(broken, "$.stages[0].gate.approval.mode", "$.stages[0].gate.approval.mode");
        assertRefused(broken, "$.stages[0].gate.approval.mode", "sequential");
        assertRefused(broken, "$.stages[0].gate.approval.mode", "quorum:");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "key: minimal               | key: Minimal              | $.key",
            "key: minimal               | key: m                    | $.key",
            "key: minimal               | key: 1st-template         | $.key",
            "key: only                  | key: 2nd                  | $.stages[0].key",
            "key: only                  | key: has space            | $.stages[0].key",
            "key: only                  | key: double__underscore   | $.stages[0].key",
            "key: only                  | key: trailing_            | $.stages[0].key",
            "key: work                  | key: do-work              | $.stages[0].tasks[0].key",
            "key: budget                | key: project              | $.fields[0].key",
            "key: budget                | key: _budget              | $.fields[0].key",
    })
    void refusesKeysThatBreakTheirPattern(String from, String to, String location) {
        assertRefused(change(MINIMAL, from, to), location, location);
    }

    @Test
    void refusesNamesLongerThanTheValidatorAllows() {
        assertRefused(change(MINIMAL, "name: Minimal", "name: " + "n".repeat(201)), "$.name", "200");
        assertRefused(change(MINIMAL, "name: Minimal", "name: Minimal\nindustry: " + "n".repeat(101)), "$.industry", "100");
        assertRefused(change(MINIMAL, "key: only", "key: only\n    name: " + "n".repeat(256)), "$.stages[0].name", "255");
        assertRefused(change(MINIMAL, "{ key: work, assignee: pm }", "{ key: work, name: " + "n".repeat(256) + ", assignee: pm }"),
                "$.stages[0].tasks[0].name", "255");
        assertThat(messages(change(MINIMAL, "key: only", "key: only\n    name: " + "n".repeat(255)))).isEmpty();
    }

    @Test
    void refusesARoleKeyThatBreaksThePattern() {
        assertRefused(change(MINIMAL, "{ pm: Project manager }", "{ pm: Project manager, project-lead: Lead }"),
                "$.roles", "project-lead");
    }

    @Test
    void refusesATemplateWithoutStages() {
        String withoutStages = MINIMAL.substring(0, MINIMAL.indexOf("stages:"));

        assertRefused(withoutStages, "$", "stages");
        assertRefused(withoutStages + "stages: []\n", "$.stages", "$.stages");
    }

    @ParameterizedTest
    @ValueSource(strings = {"five days", "5D", "P", "PT", "P1DT", "P0D", "PT0H", "P1Y", "P2M", "P1Y2D", "-P5D",
            "P-5D", "P1WT4H", "P5DT"})
    void refusesDurationsThatAreNotPositiveIso8601DaysOrTime(String duration) {
        assertRefused(change(MINIMAL, "duration: P5D", "duration: \"" + duration + "\""),
                "$.stages[0].duration", "$.stages[0].duration");
    }

    @Test
    void refusesAnAlertWithoutADuration() {
        assertRefused(change(MINIMAL, "duration: P5D", "alertAfter: P2D"), "$.stages[0]", "duration");
    }

    @Test
    void refusesATaskWithoutAnAssigneeAndAnApprovalWithoutApprovers() {
        assertRefused(change(MINIMAL, "{ key: work, assignee: pm }", "{ key: work }"), "$.stages[0].tasks[0]", "assignee");
        assertRefused(change(MINIMAL, "approvers: [pm]", "approvers: []"),
                "$.stages[0].gate.approval.approvers", "$.stages[0].gate.approval.approvers");
        assertRefused(change(MINIMAL, "approvers: [pm]", "approvers: [\"user:\"]"),
                "$.stages[0].gate.approval.approvers[0]", "$.stages[0].gate.approval.approvers[0]");
    }

    @Test
    void refusesACriterionThatIsNoneOfTheThreeForms() {
        String gate = "gate: { approval: { approvers: [pm], mode: all } }";

        assertRefused(change(MINIMAL, gate, "gate: { criteria: [ { expression: \"budget > 0\" } ] }"),
                "$.stages[0].gate.criteria[0]", "message");
        assertRefused(change(MINIMAL, gate, "gate: { criteria: [ { allTasksDone: \"yes\" } ] }"),
                "$.stages[0].gate.criteria[0].allTasksDone", "boolean");
        assertRefused(change(MINIMAL, gate, "gate: { criteria: [ { fields: budget } ] }"),
                "$.stages[0].gate.criteria[0]", "fields");
    }

    @Test
    void refusesFieldRulesThatDoNotFitTheFieldType() {
        String budget = "{ key: budget, type: money, currency: EUR, min: 0 }";

        assertRefused(change(MINIMAL, budget, "{ key: budget, type: select }"), "$.fields[0]", "options");
        assertRefused(change(MINIMAL, budget, "{ key: budget, type: text, options: [a, b] }"),
                "$.fields[0].options", "$.fields[0].options");
        assertRefused(change(MINIMAL, budget, "{ key: budget, type: text, min: 0 }"), "$.fields[0].min", "$.fields[0].min");
        assertRefused(change(MINIMAL, budget, "{ key: budget, type: number, currency: EUR }"),
                "$.fields[0].currency", "$.fields[0].currency");
        assertRefused(change(MINIMAL, budget, "{ key: budget, type: money, currency: euro }"),
                "$.fields[0].currency", "$.fields[0].currency");
        assertRefused(change(MINIMAL, budget, "{ key: budget, type: text, maxLength: -1 }"),
                "$.fields[0].maxLength", "$.fields[0].maxLength");
    }

    @Test
    void refusesAnUnknownModuleAndABadResubmit() {
        assertRefused(MINIMAL + "modules: [budget, payroll]\n", "$.modules[1]", "$.modules[1]");
        assertRefused(change(MINIMAL, "mode: all }", "mode: all }, resubmit: again"),
                "$.stages[0].gate.resubmit", "$.stages[0].gate.resubmit");
    }

    // --- it says the same as the reader and the model ----------------------------------------------

    @Test
    void propertiesAreExactlyTheOnesTheReaderAccepts() throws ReflectiveOperationException {
        JsonNode defs = schemaTree.path("$defs");

        assertThat(propertyNames(schemaTree)).isEqualTo(readerProperties("TEMPLATE_PROPS"));
        assertThat(propertyNames(defs.path("role").path("anyOf").path(1))).isEqualTo(readerProperties("ROLE_PROPS"));
        assertThat(propertyNames(defs.path("field"))).isEqualTo(readerProperties("FIELD_PROPS"));
        assertThat(propertyNames(defs.path("option").path("anyOf").path(1))).isEqualTo(readerProperties("OPTION_PROPS"));
        assertThat(propertyNames(defs.path("stage"))).isEqualTo(readerProperties("STAGE_PROPS"));
        assertThat(propertyNames(defs.path("task"))).isEqualTo(readerProperties("TASK_PROPS"));
        assertThat(propertyNames(defs.path("gate"))).isEqualTo(readerProperties("GATE_PROPS"));
        assertThat(propertyNames(defs.path("approval"))).isEqualTo(readerProperties("APPROVAL_PROPS"));
        Set<String> criterion = new TreeSet<>();
        defs.path("criterion").path("oneOf").forEach(form -> criterion.addAll(propertyNames(form)));
        assertThat(criterion).isEqualTo(readerProperties("CRITERION_PROPS"));
    }

    @Test
    void fieldTypesAndModulesAreTheModelsOwn() {
        JsonNode defs = schemaTree.path("$defs");

        assertThat(texts(defs.path("field").path("properties").path("type").path("enum")))
                .containsExactlyElementsOf(Arrays.stream(FieldType.values()).map(FieldType::spelling).toList());
        assertThat(texts(defs.path("module").path("enum")))
                .containsExactlyInAnyOrderElementsOf(ValidationContext.DEFAULT_MODULES);
    }

    @ParameterizedTest
    @ValueSource(strings = {"P5D", "PT4H", "P1DT12H", "PT30M", "PT90S", "PT0.5S", "P2W", "P1W2D", "P10DT0H",
            "P0D", "PT0S", "P0DT0H0M", "P1Y", "P2M", "P1Y2D", "P", "PT", "P1DT", "five days", "5D", "-P5D", "P-5D",
            "P1WT4H", "P1.5D", "PT1H30"})
    void durationPatternAgreesWithTheValidator(String duration) {
        boolean schemaAccepts = messages(change(MINIMAL, "duration: P5D", "duration: \"" + duration + "\"")).isEmpty();

        assertThat(schemaAccepts).as("schema accepts %s", duration).isEqualTo(Durations.parse(duration).isPresent());
    }

    @ParameterizedTest
    @ValueSource(strings = {"any", "all", "sequential", "quorum:1", "quorum:12", "quorum:0", "quorum:-1", "quorum:",
            "quorum:x", "most", "ALL", "quorum", "quorum:1:2"})
    void approvalModesAgreeWithTheModel(String mode) {
        boolean schemaAccepts = messages(change(MINIMAL, "mode: all", "mode: \"" + mode + "\"")).isEmpty();

        assertThat(schemaAccepts).as("schema accepts %s", mode).isEqualTo(ApprovalMode.parse(mode).isPresent());
    }

    // --- helpers -----------------------------------------------------------------------------------

    /** A draft 2020-12 factory that throws on any keyword the draft does not define. */
    static JsonSchemaFactory strictFactory() {
        JsonMetaSchema strict = JsonMetaSchema.builder(JsonMetaSchema.getV202012())
                .unknownKeywordFactory(DisallowUnknownKeywordFactory.getInstance())
                .build();
        return JsonSchemaFactory.builder(JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012))
                .metaSchema(strict)
                .build();
    }

    private static Set<ValidationMessage> validate(String yaml) {
        try {
            return schema.validate(YAML.readTree(yaml));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<String> messages(String yaml) {
        return validate(yaml).stream().map(ValidationMessage::getMessage).sorted().toList();
    }

    /** The document is refused with an error at {@code location} whose message mentions {@code mentioning}. */
    private static void assertRefused(String yaml, String location, String mentioning) {
        Set<ValidationMessage> errors = validate(yaml);

        assertThat(errors).as("schema errors of%n%s", yaml).anySatisfy(e -> {
            assertThat(e.getInstanceLocation().toString()).isEqualTo(location);
            assertThat(e.getMessage()).contains(mentioning);
        });
    }

    /** The text with one exact piece replaced; fails when the piece is not there, so no test checks the unchanged text. */
    private static String change(String text, String from, String to) {
        assertThat(text).contains(from);
        return text.replace(from, to);
    }

    private static void collectPatterns(JsonNode node, List<String> out) {
        if (node.isObject()) {
            node.fields().forEachRemaining(e -> {
                if (e.getKey().equals("pattern") && e.getValue().isTextual()) {
                    out.add(e.getValue().asText());
                } else {
                    collectPatterns(e.getValue(), out);
                }
            });
        } else if (node.isArray()) {
            node.forEach(child -> collectPatterns(child, out));
        }
    }

    private static Set<String> propertyNames(JsonNode schemaObject) {
        Set<String> names = new TreeSet<>();
        schemaObject.path("properties").fieldNames().forEachRemaining(names::add);
        return names;
    }

    @SuppressWarnings("unchecked")
    private static Set<String> readerProperties(String constant) throws ReflectiveOperationException {
        Field field = TemplateReader.class.getDeclaredField(constant);
        field.setAccessible(true);
        return new TreeSet<>((Set<String>) field.get(null));
    }

    private static List<String> texts(JsonNode array) {
        return StreamSupport.stream(array.spliterator(), false).map(JsonNode::asText).toList();
    }
}
