package io.tollgate.modeler.validation;

import io.tollgate.modeler.parse.TemplateReader;
import io.tollgate.modeler.store.PublishingWorkspace;
import org.junit.jupiter.api.Test;

import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class ValidationContextTests {

    private static final String NEEDS_LAB = """
            key: lab-work
            name: Lab work
            modules: [lab]
            roles:
              pm: { name: PM }
            stages:
              - key: one
                tasks: [ { key: t, assignee: pm } ]
            """;

    private static ValidationReport validate(ValidationContext context) {
        TemplateReader.Result read = new TemplateReader().read(NEEDS_LAB);
        return new TemplateValidator().validate(read.template(), read.problems(), context);
    }

    @Test
    void knowsTheDefaultModulesWhenTheRuntimeDoesNotSay() {
        assertThat(new ValidationContext(null, null, null).knownModules()).isEqualTo(ValidationContext.DEFAULT_MODULES);
        assertThat(ValidationContext.standalone(null).knownModules()).isEqualTo(ValidationContext.DEFAULT_MODULES);
        assertThat(new PublishingWorkspace() {
            @Override
            public String currentWorkspace() {
                return "w";
            }

            @Override
            public Set<String> enabledModules(String workspaceId) {
                return Set.of();
            }
        }.knownModules()).isEqualTo(ValidationContext.DEFAULT_MODULES);
    }

    @Test
    void refusesAModuleTheRuntimeDoesNotHaveAndNamesThoseItHas() {
        ValidationReport report = validate(ValidationContext.standalone(null));

        assertThat(report.errors()).singleElement().satisfies(p -> {
            assertThat(p.code()).isEqualTo("module-unknown");
            assertThat(p.path()).isEqualTo("$.modules[0]");
            assertThat(p.message()).contains("[budget, checkin, releases, risks, timesheets]");
        });
    }

    @Test
    void acceptsAModuleTheRuntimeDeclares() {
        assertThat(validate(new ValidationContext(Set.of("budget", "lab"), null, null)).errors()).isEmpty();
    }

    @Test
    void stillRequiresADeclaredModuleToBeSwitchedOn() {
        ValidationReport report = validate(new ValidationContext(Set.of("lab"), Set.of(), null));

        assertThat(report.errors()).extracting(Problem::code).containsExactly("module-not-enabled");
    }
}
