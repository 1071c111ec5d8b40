package io.tollgate.templates;

import io.tollgate.modeler.compiler.BpmnVerifier;
import io.tollgate.modeler.compiler.TemplateCompiler;
import io.tollgate.modeler.expression.ExpressionSandbox;
import io.tollgate.modeler.validation.SandboxedExpressions;
import io.tollgate.modeler.parse.TemplateReader;
import io.tollgate.modeler.validation.Problem;
import io.tollgate.modeler.validation.TemplateValidator;
import io.tollgate.modeler.validation.ValidationContext;
import io.tollgate.modeler.validation.ValidationReport;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** Every shipped template validates, compiles to schema-valid BPMN with a full diagram, and round-trips. */
class ShippedTemplatesTests {

    static Stream<Path> templates() throws IOException {
        return Files.list(Path.of("src/main/resources/tollgate/templates"))
                .filter(p -> p.toString().endsWith(".yaml")).sorted();
    }

    @ParameterizedTest
    @MethodSource("templates")
    void validatesAndCompiles(Path file) throws IOException {
        String yaml = Files.readString(file, StandardCharsets.UTF_8);
        TemplateReader.Result read = new TemplateReader().read(yaml);
        ValidationReport report = new TemplateValidator().validate(read.template(), read.problems(),
                ValidationContext.standalone(new SandboxedExpressions(new ExpressionSandbox())));
        assertThat(report.problems()).extracting(Problem::message).isEmpty();
        assertThat(file.getFileName().toString()).isEqualTo(read.template().key() + ".yaml");

        TemplateCompiler.Compiled compiled = new TemplateCompiler().compile(read.template());

        assertThat(BpmnVerifier.schemaError(compiled.xml())).isNull();
        assertThat(BpmnVerifier.engineErrors(compiled.model())).isEmpty();
        assertThat(BpmnVerifier.nodesWithoutShape(compiled.model())).isEmpty();
    }
}
