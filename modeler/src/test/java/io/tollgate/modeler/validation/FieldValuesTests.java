package io.tollgate.modeler.validation;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tollgate.modeler.model.FieldDef;
import io.tollgate.modeler.model.FieldType;
import io.tollgate.modeler.model.Template;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FieldValuesTests {

    private static final Predicate<String> ANYONE = user -> true;

    private static FieldDef field(String key, FieldType type, String name) {
        return new FieldDef(key, type, name, null, false, null, null, null, null, null, null, null);
    }

    private static FieldDef text(String key, FieldType type, Integer maxLength) {
        return new FieldDef(key, type, key, null, false, null, null, null, maxLength, null, null, null);
    }

    private static FieldDef choice(String key, FieldType type, String... options) {
        List<FieldDef.Option> declared = java.util.Arrays.stream(options)
                .map(o -> new FieldDef.Option(o, null, null)).toList();
        return new FieldDef(key, type, key, null, false, null, null, null, null, null, declared, null);
    }

    private static FieldValues.Result check(FieldDef def, Object value) {
        return check(def, value, ANYONE);
    }

    private static FieldValues.Result check(FieldDef def, Object value, Predicate<String> knownUser) {
        Map<String, Object> given = new HashMap<>();
        given.put(def.key(), value);
        return FieldValues.check(given, Map.of(def.key(), def), knownUser);
    }

    private static String digits(int count) {
        return "7".repeat(count);
    }

    // numbers

    @Test
    void refusesANumberOfMoreThanThirtyDigits() {
        FieldValues.Result result = check(field("budget", FieldType.MONEY, "Budget"), "1" + digits(30));

        assertThat(result.violations()).singleElement().satisfies(v -> {
            assertThat(v.field()).isEqualTo("budget");
            assertThat(v.message()).startsWith("Budget must be a number of at most 30 significant digits");
        });
    }

    @Test
    void refusesAMillionDigitNumberWithoutParsingIt() {
        FieldValues.Result result = check(field("budget", FieldType.NUMBER, "Budget"), digits(1_000_000));

        assertThat(result.violations()).singleElement().extracting(FieldValues.Violation::message).asString()
                .contains("at most 30 significant digits");
    }

    @ParameterizedTest
    @ValueSource(strings = {"1e99999999", "1E+31", "-1e31", "1e-31", "0.0000000000000000000000000000001"})
    void refusesANumberWhoseExponentIsOutOfBounds(String value) {
        assertThat(check(field("budget", FieldType.NUMBER, "Budget"), value).violations()).singleElement()
                .extracting(FieldValues.Violation::message).asString().contains("at most 30 significant digits");
    }

    @Test
    void refusesHugeNumbersGivenAsNumbersAsWellAsText() {
        FieldDef budget = field("budget", FieldType.NUMBER, "Budget");

        assertThat(check(budget, new BigDecimal("1e99999999")).violations()).hasSize(1);
        assertThat(check(budget, BigInteger.TEN.pow(40)).violations()).hasSize(1);
        assertThat(check(budget, new BigDecimal(BigInteger.TEN.pow(40), 2)).violations()).hasSize(1);
        assertThat(check(budget, 1e300).violations()).hasSize(1);
    }

    @ParameterizedTest
    @ValueSource(strings = {"999999999999999999.9999", "1000000000000000000.00", "-0.0001", "0.00", "12.5",
            "123456789012345678901234567890", "1e30", "1e-30", "100.000000000000000000000000000000000000000000000"})
    void acceptsMoneyAndOrdinaryNumbers(String value) {
        assertThat(check(field("budget", FieldType.MONEY, "Budget"), value).violations()).isEmpty();
    }

    @Test
    void acceptsNumbersOfEveryJavaType() {
        FieldDef budget = field("budget", FieldType.NUMBER, "Budget");

        assertThat(check(budget, Long.MAX_VALUE).values()).containsEntry("budget", new BigDecimal(Long.MAX_VALUE));
        assertThat(check(budget, 12.5d).values()).containsEntry("budget", new BigDecimal("12.5"));
        assertThat(check(budget, new BigDecimal("250000.00")).values()).containsEntry("budget", new BigDecimal("250000.00"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"0E-99999", "1E+5", "100.000000000000000000000000000000000000000000000", "250000.00"})
    void storesNumbersAsJsonThatReadsBackAsTheSameValue(String value) throws Exception {
        BigDecimal stored = (BigDecimal) check(field("budget", FieldType.MONEY, "Budget"), value).values().get("budget");

        ObjectMapper json = new ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
        String written = json.writeValueAsString(Map.of("budget", stored));
        BigDecimal read = new BigDecimal(json.readTree(written).get("budget").asText());
        assertThat(read).isEqualByComparingTo(new BigDecimal(value));
        assertThat(stored.precision()).isLessThanOrEqualTo(31);
        assertThat(stored.scale()).isBetween(0, 60);
    }

    // text

    @Test
    void refusesTextLongerThanTheDefaultOfItsType() {
        assertThat(check(text("summary", FieldType.TEXT, null), "x".repeat(2_000)).violations()).isEmpty();
        assertThat(check(text("summary", FieldType.TEXT, null), "x".repeat(2_001)).violations()).singleElement()
                .extracting(FieldValues.Violation::message).asString().contains("at most 2000 characters");
        assertThat(check(text("notes", FieldType.TEXTAREA, null), "x".repeat(20_000)).violations()).isEmpty();
        assertThat(check(text("notes", FieldType.TEXTAREA, null), "x".repeat(20_001)).violations()).hasSize(1);
        assertThat(check(text("file", FieldType.ATTACHMENT, null), "x".repeat(2_001)).violations()).hasSize(1);
    }

    @Test
    void aDeclaredMaxLengthDecidesUpToTheCeilingOfTheType() {
        assertThat(check(text("summary", FieldType.TEXT, 5_000), "x".repeat(5_000)).violations()).isEmpty();
        assertThat(check(text("summary", FieldType.TEXT, 10), "x".repeat(11)).violations()).hasSize(1);
        assertThat(check(text("summary", FieldType.TEXT, 1_000_000), "x".repeat(20_001)).violations()).hasSize(1);
    }

    @Test
    void refusesLinksAndEmailAddressesLongerThanTwoThousandCharacters() {
        String link = "https://example.com/" + "a".repeat(1_981);
        String email = "a".repeat(1_990) + "@example.com";

        assertThat(check(text("prdUrl", FieldType.URL, null), link).violations()).singleElement()
                .extracting(FieldValues.Violation::message).asString().contains("at most 2000 characters");
        assertThat(check(text("contact", FieldType.EMAIL, null), email).violations()).singleElement()
                .extracting(FieldValues.Violation::message).asString().contains("at most 2000 characters");
    }

    @ParameterizedTest
    @ValueSource(strings = {"nul\u0000in the middle", "bell\u0007", "escape\u001b[31m", "delete\u007f"})
    void refusesControlCharactersInEveryTextLikeValue(String value) {
        List<FieldDef> defs = List.of(text("t", FieldType.TEXT, null), text("ta", FieldType.TEXTAREA, null),
                text("at", FieldType.ATTACHMENT, null), text("u", FieldType.URL, null), text("e", FieldType.EMAIL, null),
                choice("s", FieldType.SELECT, value), choice("m", FieldType.MULTISELECT, value),
                text("who", FieldType.USER, null), text("team", FieldType.USERS, null));
        for (FieldDef def : defs) {
            Object given = def.type().multiple() ? List.of(value) : value;
            assertThat(check(def, given).violations()).as(def.type().spelling()).singleElement()
                    .extracting(FieldValues.Violation::message).asString().contains("control character");
        }
    }

    @Test
    void keepsTabsAndLineBreaksInText() {
        assertThat(check(text("notes", FieldType.TEXTAREA, null), "one\ttwo\r\nthree\n").violations()).isEmpty();
    }

    // lists and users

    @Test
    void refusesMoreThanTwoHundredEntriesBeforeLookingAnyUp() {
        AtomicInteger lookups = new AtomicInteger();
        Predicate<String> counting = user -> lookups.incrementAndGet() > 0;
        List<String> many = IntStream.range(0, 201).mapToObj(i -> "user" + i).toList();
        String[] options = many.toArray(String[]::new);

        assertThat(check(text("team", FieldType.USERS, null), many, counting).violations()).singleElement()
                .extracting(FieldValues.Violation::message).asString().contains("at most 200");
        assertThat(lookups).hasValue(0);
        assertThat(check(choice("tags", FieldType.MULTISELECT, options), many).violations()).singleElement()
                .extracting(FieldValues.Violation::message).asString().contains("at most 200");
        assertThat(check(choice("tags", FieldType.MULTISELECT, options), many.subList(0, 200)).violations()).isEmpty();
    }

    @Test
    void refusesAUserNameLongerThanAnyUserHasWithoutLookingItUp() {
        AtomicInteger lookups = new AtomicInteger();
        Predicate<String> counting = user -> lookups.incrementAndGet() > 0;

        assertThat(check(text("owner", FieldType.USER, null), "u".repeat(101), counting).violations()).hasSize(1);
        assertThat(lookups).hasValue(0);
    }

    // values read back for expressions

    private static Template templateWith(FieldDef... fields) {
        return new Template("t", "T", null, null, null, null, null, List.of(fields), null);
    }

    @Test
    void valuesForExpressionsAreHeldToTheSameBounds() {
        Template template = templateWith(field("budget", FieldType.MONEY, "Budget"), text("notes", FieldType.TEXTAREA, null),
                text("team", FieldType.USERS, null));

        assertThatThrownBy(() -> FieldValues.forExpressions(template, Map.of("budget", new BigDecimal("1e99999999"))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Budget");
        assertThatThrownBy(() -> FieldValues.forExpressions(template, Map.of("budget", digits(1_000_000))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at most 30 significant digits");
        assertThatThrownBy(() -> FieldValues.forExpressions(template, Map.of("notes", "x".repeat(20_001))))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> FieldValues.forExpressions(template, Map.of("notes", "a\u0000b")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("control character");
        List<String> many = Collections.nCopies(201, "alice");
        assertThatThrownBy(() -> FieldValues.forExpressions(template, Map.of("team", many)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at most 200");
    }

    @Test
    void valuesForExpressionsKeepOrdinaryValues() {
        Template template = templateWith(field("budget", FieldType.MONEY, "Budget"), text("notes", FieldType.TEXTAREA, null));
        Map<String, Object> stored = new LinkedHashMap<>();
        stored.put("budget", 250000);
        stored.put("notes", "fine\nnotes");

        Map<String, Object> values = FieldValues.forExpressions(template, stored);

        assertThat(values).containsEntry("budget", new BigDecimal("250000")).containsEntry("notes", "fine\nnotes");
        assertThat(new ArrayList<>(values.keySet())).containsExactlyInAnyOrder("budget", "notes");
    }
}
