package io.tollgate.modeler.validation;

import io.tollgate.modeler.model.Criterion;
import io.tollgate.modeler.parse.TemplateReader;
import org.junit.jupiter.api.Test;

import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** The criterion kinds modules judge: read, and refused unless the template requires their module and it is on. */
class ModuleCriteriaTests {

    private static final String TEMPLATE = """
            key: guarded
            name: Guarded
            %s
            stages:
              - key: build
                gate: { criteria: [ { noOpenHighRisk: true }, { releaseReady: true } ] }
            """;

    private static ValidationReport validate(String modules, ValidationContext context) {
        TemplateReader.Result read = new TemplateReader().read(TEMPLATE.formatted(modules));
        assertThat(read.problems()).isEmpty();
        assertThat(read.template().stages().get(0).gate().criteria()).containsExactly(
                new Criterion.ModuleCheck(Criterion.ModuleKind.NO_OPEN_HIGH_RISK),
                new Criterion.ModuleCheck(Criterion.ModuleKind.RELEASE_READY));
        return new TemplateValidator().validate(read.template(), read.problems(), context);
    }

    @Test
    void acceptsTheCriteriaOfModulesTheTemplateRequires() {
        assertThat(validate("modules: [risks, releases]", new ValidationContext(Set.of("risks", "releases"), null)).errors())
                .isEmpty();
    }

    @Test
    void refusesACriterionOfAModuleTheTemplateDoesNotRequire() {
        ValidationReport report = validate("modules: [risks]", ValidationContext.standalone(null));
        assertThat(report.errors()).singleElement().satisfies(p -> {
            assertThat(p.code()).isEqualTo("criterion-module-not-required");
            assertThat(p.path()).isEqualTo("$.stages[0].gate.criteria[1]");
            assertThat(p.message()).contains("releases");
        });
    }

    @Test
    void refusesACriterionOfAModuleThatIsOffInTheWorkspace() {
        ValidationReport report = validate("modules: [risks, releases]", new ValidationContext(Set.of("risks"), null));
        assertThat(report.errors()).extracting(Problem::code).containsExactly("module-not-enabled");
    }
}
