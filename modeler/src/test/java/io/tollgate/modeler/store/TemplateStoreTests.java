package io.tollgate.modeler.store;

import io.tollgate.modeler.parse.TemplateFormat;
import io.tollgate.modeler.validation.Problem;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

class TemplateStoreTests {

    private final TemplateDrafts drafts = mock(TemplateDrafts.class);
    private final TemplateVersions versions = mock(TemplateVersions.class);
    private final TemplateDeployer deployer = mock(TemplateDeployer.class);
    private final TemplateStore store = new TemplateStore(drafts, versions, deployer, nothing(), nothing(), clock());

    @SuppressWarnings("unchecked")
    private static <T> ObjectProvider<T> nothing() {
        return mock(ObjectProvider.class);
    }

    @SuppressWarnings("unchecked")
    private static ObjectProvider<Clock> clock() {
        ObjectProvider<Clock> provider = mock(ObjectProvider.class);
        when(provider.getIfAvailable(any())).thenReturn(Clock.systemUTC());
        return provider;
    }

    private static String template(String name) {
        return """
                key: sized
                name: %s
                roles: { pm: { name: PM } }
                stages:
                  - key: one
                    tasks: [ { key: t, assignee: pm } ]
                """.formatted(name);
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> errors(InvalidTemplateException e) {
        ProblemDetail body = e.getBody();
        return (List<Map<String, Object>>) body.getProperties().get("errors");
    }

    @Test
    void refusesToSaveATemplateOverAMillionCharactersAsAProblem() {
        String text = template("Sized") + "# " + "x".repeat(1_000_000) + "\n";

        assertThatThrownBy(() -> store.saveDraft("w1", "sized", text, TemplateFormat.YAML, "admin"))
                .isInstanceOfSatisfying(InvalidTemplateException.class, e -> {
                    assertThat(e.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
                    assertThat(e.problems()).extracting(Problem::code).containsExactly("template-too-large");
                    assertThat(errors(e)).singleElement().satisfies(error ->
                            assertThat(error).containsEntry("code", "template-too-large").containsEntry("path", "$"));
                });
        verify(drafts, never()).save(any());
    }

    @Test
    void validatingATemplateOverAMillionCharactersReportsItsSize() {
        String text = template("Sized") + "# " + "x".repeat(1_000_000) + "\n";

        assertThat(store.validate("w1", text, TemplateFormat.YAML).errors()).extracting(Problem::code)
                .containsExactly("template-too-large");
    }

    @Test
    void refusesToPublishATemplateWhoseNameTheEngineCannotStore() {
        TemplateDraft draft = new TemplateDraft("w1", "sized");
        draft.revise(template("n".repeat(256)), TemplateFormat.YAML.name(), "admin", Instant.EPOCH);
        when(drafts.findByWorkspaceIdAndKey("w1", "sized")).thenReturn(Optional.of(draft));
        when(versions.findFirstByWorkspaceIdAndKeyOrderByVersionDesc("w1", "sized")).thenReturn(Optional.empty());
        when(deployer.deploy(anyString(), anyString(), anyInt(), anyString(), anyString())).thenReturn("sized:1:1");

        assertThatThrownBy(() -> store.publish("w1", "sized", "admin"))
                .isInstanceOfSatisfying(InvalidTemplateException.class, e -> assertThat(e.problems())
                        .extracting(Problem::code, Problem::path)
                        .containsExactly(tuple("template-name-too-long", "$.name")));
        verify(deployer, never()).deploy(anyString(), anyString(), anyInt(), anyString(), anyString());
    }
}
