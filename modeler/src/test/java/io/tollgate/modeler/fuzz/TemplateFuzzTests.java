package io.tollgate.modeler.fuzz;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tollgate.modeler.compiler.BpmnVerifier;
import io.tollgate.modeler.compiler.TemplateCompiler;
import io.tollgate.modeler.model.Stage;
import io.tollgate.modeler.model.TaskDef;
import io.tollgate.modeler.model.Template;
import io.tollgate.modeler.parse.TemplateFormat;
import io.tollgate.modeler.parse.TemplateReader;
import io.tollgate.modeler.validation.Problem;
import io.tollgate.modeler.validation.TemplateValidator;
import io.tollgate.modeler.validation.ValidationContext;
import io.tollgate.modeler.validation.ValidationReport;
import org.assertj.core.api.SoftAssertions;
import org.flowable.bpmn.model.BpmnModel;
import org.flowable.bpmn.model.FlowElement;
import org.flowable.bpmn.model.Process;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.LongStream;
import java.util.stream.Stream;

/**
 * Property test over generated templates: whatever the document, reading, validation and compilation
 * never throw; generated valid templates validate (every 5th also compiles, twice, to BPMN that
 * passes every check); broken ones are refused with well-formed problems. A failure names its seed: rerun
 * {@code RandomTemplates.valid(new Random(seed))} or {@code broken(...)} to get the document back.
 */
class TemplateFuzzTests {

    private static final long SEEDS = 3_000;
    private static final long SEEDS_PER_RUN = 100;
    /** Compiling twice plus the schema check cost about 20 ms a template, so only every 5th seed compiles. */
    private static final long COMPILE_EVERY = 5;
    /** Each soft failure carries a document; a systematic bug would otherwise print thousands. */
    private static final int FAILURES_SHOWN_PER_RUN = 5;
    private static final ValidationContext NO_EXPRESSION_CHECKS = ValidationContext.standalone(null);

    private final TemplateReader reader = new TemplateReader();
    private final TemplateValidator validator = new TemplateValidator();
    private final TemplateCompiler compiler = new TemplateCompiler();

    static Stream<Arguments> seedRanges() {
        return LongStream.iterate(0, from -> from < SEEDS, from -> from + SEEDS_PER_RUN)
                .mapToObj(from -> Arguments.of(from, Math.min(from + SEEDS_PER_RUN, SEEDS)));
    }

    @ParameterizedTest(name = "seeds {0} to {1}")
    @MethodSource("seedRanges")
    void validTemplatesValidateInBothNotationsAndCompileToVerifiedBpmn(long from, long to) {
        SoftAssertions softly = new SoftAssertions();
        for (long seed = from; seed < to && softly.errorsCollected().size() < FAILURES_SHOWN_PER_RUN; seed++) {
            ObjectNode doc = RandomTemplates.valid(new Random(seed));
            String what = "valid(" + seed + ")";
            Template fromJson = readAndValidate(softly, what, TemplateReader.toJson(doc), TemplateFormat.JSON, true);
            Template fromYaml = readAndValidate(softly, what, TemplateReader.toYaml(doc), TemplateFormat.YAML, true);
            softly.assertThat(fromYaml).as("%s: YAML and JSON read to the same template\n%s", what, excerpt(doc))
                    .isEqualTo(fromJson);
            if (fromJson != null && seed % COMPILE_EVERY == 0) {
                compileAndVerify(softly, what, fromJson, doc);
            }
        }
        softly.assertAll();
    }

    @ParameterizedTest(name = "seeds {0} to {1}")
    @MethodSource("seedRanges")
    void brokenTemplatesAreRefusedWithProblemsThatSayWhereAndWhat(long from, long to) {
        SoftAssertions softly = new SoftAssertions();
        for (long seed = from; seed < to && softly.errorsCollected().size() < FAILURES_SHOWN_PER_RUN; seed++) {
            RandomTemplates.Broken broken = RandomTemplates.brokenDescribed(new Random(seed));
            String what = "broken(" + seed + ") " + broken.mutations();
            for (TemplateFormat format : TemplateFormat.values()) {
                String text = format == TemplateFormat.JSON
                        ? TemplateReader.toJson(broken.document()) : TemplateReader.toYaml(broken.document());
                Template template = readAndValidate(softly, what, text, format, false);
                if (template != null) {
                    // The validator missed every mutation; the compiler must still cope or the bug shows twice.
                    compileAndVerify(softly, what, template, broken.document());
                }
                // Text cut anywhere is what an editor sends mid-typing: it may be refused, never thrown on.
                String cut = text.substring(0, new Random(seed).nextInt(text.length() + 1));
                attempt(softly, what + " cut " + format, cut, () -> {
                    TemplateReader.Result read = reader.read(cut);
                    return validator.validate(read.template(), read.problems(), NO_EXPRESSION_CHECKS);
                });
            }
        }
        softly.assertAll();
    }

    /**
     * Reads and validates one text; answers the template when it validated, otherwise null. Valid
     * documents must have no error, broken ones at least one; problems always say where and what.
     */
    private Template readAndValidate(SoftAssertions softly, String what, String text, TemplateFormat format,
                                     boolean expectValid) {
        String label = what + " as " + format;
        TemplateReader.Result read = attempt(softly, label + " read", text, () -> reader.read(text));
        if (read == null) {
            return null;
        }
        ValidationReport report = attempt(softly, label + " validate", text,
                () -> validator.validate(read.template(), read.problems(), NO_EXPRESSION_CHECKS));
        if (report == null) {
            return null;
        }
        if (expectValid) {
            softly.assertThat(report.errors()).as("%s has no errors\n%s", label, excerpt(text)).isEmpty();
        } else {
            softly.assertThat(report.errors()).as("%s has errors\n%s", label, excerpt(text)).isNotEmpty();
        }
        for (Problem p : report.problems()) {
            softly.assertThat(p.code()).as("%s: code of %s", label, p).isNotBlank();
            softly.assertThat(p.path()).as("%s: path of %s", label, p).isNotBlank().startsWith("$");
            softly.assertThat(p.message()).as("%s: message of %s", label, p).isNotBlank();
        }
        return report.valid() ? read.template() : null;
    }

    private void compileAndVerify(SoftAssertions softly, String what, Template template, ObjectNode doc) {
        String text = TemplateReader.toYaml(doc);
        TemplateCompiler.Compiled first = attempt(softly, what + " compile", text, () -> compiler.compile(template));
        TemplateCompiler.Compiled second = attempt(softly, what + " compile again", text, () -> compiler.compile(template));
        if (first == null || second == null) {
            return;
        }
        // isTrue rather than isEqualTo: a failure would print two whole BPMN documents.
        softly.assertThat(first.xml().equals(second.xml())).as("%s compiles to the same XML twice\n%s", what, excerpt(text))
                .isTrue();
        softly.assertThat(BpmnVerifier.nodesWithoutShape(first.model()))
                .as("%s: every node has a shape\n%s", what, excerpt(text)).isEmpty();
        softly.assertThat(attempt(softly, what + " engine check", text, () -> BpmnVerifier.engineErrors(first.model())))
                .as("%s: Flowable validator\n%s", what, excerpt(text)).isEmpty();
        String schemaError = attempt(softly, what + " schema check", text, () -> BpmnVerifier.schemaError(first.xml()));
        softly.assertThat(schemaError).as("%s: BPMN schema\n%s", what, excerpt(text)).isNull();
    }

    /** Runs one step; anything it throws becomes a soft failure with the seed, the head of the trace and the text. */
    private static <T> T attempt(SoftAssertions softly, String what, String text, Callable<T> step) {
        try {
            return step.call();
        } catch (Throwable e) {
            String trace = Arrays.stream(e.getStackTrace()).limit(8).map(f -> "    at " + f)
                    .collect(Collectors.joining("\n"));
            softly.fail("%s threw %s\n%s\n%s", what, e, trace, excerpt(text));
            return null;
        }
    }

    private static String excerpt(ObjectNode doc) {
        return excerpt(TemplateReader.toYaml(doc));
    }

    private static String excerpt(String text) {
        return text.length() <= 4_000 ? text : text.substring(0, 4_000) + "\n... (" + text.length() + " characters)";
    }
}
