package io.tollgate.engine;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.data.repository.Repository;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/** The module boundaries of the design, checked on the compiled classes. */
class ArchitectureTests {

    private static JavaClasses classes;

    /** Plugs the workspace calendars into the engine's timers (and its nested classes). */
    private static final String ENGINE_CALENDARS = "io\\.tollgate\\.engine\\.calendar\\.EngineCalendars(\\$.*)?";

    @BeforeAll
    static void importClasses() {
        classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.tollgate");
    }

    @Test
    void onlyTheWorkflowFeatureTalksToFlowable() {
        noClasses().that().resideInAPackage("io.tollgate.engine..")
                .and().resideOutsideOfPackage("io.tollgate.engine.workflow..")
                .and().haveNameNotMatching(ENGINE_CALENDARS)
                .should().dependOnClassesThat().resideInAPackage("org.flowable..")
                .check(classes);
    }

    @Test
    void onlyTheWorkflowFeatureKnowsTheCompiledBpmn() {
        noClasses().that().resideInAPackage("io.tollgate.engine..")
                .and().resideOutsideOfPackage("io.tollgate.engine.workflow..")
                .should().dependOnClassesThat().resideInAPackage("io.tollgate.modeler.compiler..")
                .check(classes);
    }

    @Test
    void repositoriesAreInternalToTheirFeature() {
        classes().that().areAssignableTo(Repository.class).and().resideInAPackage("io.tollgate.engine..")
                .should().resideInAPackage("..internal..")
                .check(classes);
    }

    @Test
    void aFeaturesInternalsAreReachedOnlyFromThatFeature() {
        for (String feature : features()) {
            noClasses().that().resideOutsideOfPackage("io.tollgate.engine." + feature + "..")
                    .should().dependOnClassesThat().resideInAPackage("io.tollgate.engine." + feature + ".internal..")
                    .allowEmptyShould(true)
                    .check(classes);
        }
    }

    @Test
    void timeComesFromTheInjectedClock() {
        noClasses().that().resideInAPackage("io.tollgate.engine..")
                .should().callMethod(java.time.Instant.class, "now")
                .check(classes);
    }

    private static java.util.Set<String> features() {
        java.util.Set<String> out = new java.util.TreeSet<>();
        classes.stream().map(c -> c.getPackageName())
                .filter(p -> p.startsWith("io.tollgate.engine.") && p.contains(".internal"))
                .forEach(p -> out.add(p.substring("io.tollgate.engine.".length(), p.indexOf(".internal"))));
        return out;
    }

    @Test
    void nothingUsesFlowableInternals() {
        // the one exception: the engine's business calendars are an impl-level extension point of Flowable
        noClasses().that().haveNameNotMatching(ENGINE_CALENDARS)
                .should().dependOnClassesThat().resideInAPackage("org.flowable..impl..").check(classes);
    }

    @Test
    void theTemplateLanguageKnowsNothingOfSpring() {
        noClasses().that().resideInAnyPackage("io.tollgate.modeler.model..", "io.tollgate.modeler.validation..",
                        "io.tollgate.modeler.parse..", "io.tollgate.modeler.compiler..", "io.tollgate.modeler.expression..")
                .should().dependOnClassesThat().resideInAPackage("org.springframework..")
                .check(classes);
    }

    @Test
    void theModelerKnowsNothingOfTheRuntime() {
        noClasses().that().resideInAPackage("io.tollgate.modeler..")
                .should().dependOnClassesThat().resideInAPackage("io.tollgate.engine..")
                .check(classes);
    }

    @Test
    void featuresDoNotDependOnEachOtherInCircles() {
        slices().matching("io.tollgate.engine.(*)..").should().beFreeOfCycles().check(classes);
    }
}
