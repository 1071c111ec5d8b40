package io.tollgate.engine.template;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Which workspaces shipped templates publish themselves into. */
class ShippedTemplatesSettingsTests {

    @Test
    void publishesOnlyIntoTheNamedWorkspaces() {
        ShippedTemplates.Settings demo = new ShippedTemplates.Settings(true, List.of("demo"));
        assertThat(demo.publishesInto("demo")).isTrue();
        assertThat(demo.publishesInto("main")).isFalse();
        assertThat(demo.publishesInto("demo-2")).isFalse();
    }

    @Test
    void aStarMeansEveryWorkspaceAndTheSwitchTurnsItAllOff() {
        assertThat(new ShippedTemplates.Settings(true, List.of("*")).publishesInto("anything")).isTrue();
        assertThat(new ShippedTemplates.Settings(false, List.of("*", "demo")).publishesInto("demo")).isFalse();
        assertThat(new ShippedTemplates.Settings(true, List.of()).publishesInto("demo")).isFalse();
    }
}
