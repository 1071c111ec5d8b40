package io.tollgate.benchmarks;

import io.tollgate.modeler.compiler.BpmnVerifier;
import io.tollgate.modeler.compiler.TemplateCompiler;
import io.tollgate.modeler.model.Template;
import io.tollgate.modeler.parse.TemplateReader;
import io.tollgate.modeler.validation.TemplateValidator;
import io.tollgate.modeler.validation.ValidationContext;
import io.tollgate.modeler.validation.ValidationReport;
import org.flowable.bpmn.BpmnAutoLayout;
import org.flowable.bpmn.converter.BpmnXMLConverter;
import org.flowable.bpmn.model.BpmnModel;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

/**
 * What publishing a large template costs: reading and validating its YAML, compiling it to laid-out
 * BPMN XML, and both. Layout and XML writing are also measured alone, on the compiled model, to show
 * which part of compilation dominates.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
@Fork(value = 2, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@State(Scope.Benchmark)
public class TemplatePipelineBenchmark {

    // Expressions are not checked: the Groovy sandbox is not wired into validation yet.
    private static final ValidationContext CONTEXT = ValidationContext.standalone(null);

    @Param("200")
    public int stages;

    private final TemplateReader reader = new TemplateReader();
    private final TemplateValidator validator = new TemplateValidator();
    private final TemplateCompiler compiler = new TemplateCompiler();

    private String yaml;
    private Template template;
    private BpmnModel compiled;

    @Setup(Level.Trial)
    public void buildTemplate() {
        yaml = LargeTemplates.yaml(stages);
        ValidationReport report = readAndValidate();
        if (!report.valid()) {
            throw new IllegalStateException("The benchmark template is invalid: " + report.errors());
        }
        template = reader.read(yaml).template();
        TemplateCompiler.Compiled result = compiler.compile(template);
        // Timing a compiler that produces broken BPMN would be pointless.
        String schemaError = BpmnVerifier.schemaError(result.xml());
        if (schemaError != null || !BpmnVerifier.engineErrors(result.model()).isEmpty()
                || !BpmnVerifier.nodesWithoutShape(result.model()).isEmpty()) {
            throw new IllegalStateException("The benchmark template compiles to invalid BPMN: " + schemaError);
        }
        compiled = result.model();
    }

    @Benchmark
    public ValidationReport readAndValidate() {
        TemplateReader.Result read = reader.read(yaml);
        return validator.validate(read.template(), read.problems(), CONTEXT);
    }

    @Benchmark
    public String compile() {
        return compiler.compile(template).xml();
    }

    @Benchmark
    public String readValidateAndCompile() {
        TemplateReader.Result read = reader.read(yaml);
        ValidationReport report = validator.validate(read.template(), read.problems(), CONTEXT);
        if (!report.valid()) {
            throw new IllegalStateException(report.errors().toString());
        }
        return compiler.compile(read.template()).xml();
    }

    /** BpmnAutoLayout alone; it recomputes every shape and edge, so laying out again costs what the first layout did. */
    @Benchmark
    public BpmnModel layoutOnly() {
        new BpmnAutoLayout(compiled).execute();
        return compiled;
    }

    /**
     * Flowable's converter writing the diagram as well, on the laid-out model. The compiler no longer
     * lets it write the diagram (its shape lookups are quadratic); kept to show the difference.
     */
    @Benchmark
    public byte[] flowableConverterWithDiagram() {
        return new BpmnXMLConverter().convertToXML(compiled, StandardCharsets.UTF_8.name());
    }
}
