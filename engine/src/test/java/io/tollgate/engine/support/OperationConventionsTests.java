package io.tollgate.engine.support;

import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

import java.net.URI;
import java.util.Set;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;

/** How an operation is documented from its handler method alone. */
class OperationConventionsTests {

    @Test
    void summariesAreReadFromTheMethodName() {
        assertThat(OperationConventions.summary("decide")).isEqualTo("Decide");
        assertThat(OperationConventions.summary("updateFields")).isEqualTo("Update fields");
        assertThat(OperationConventions.summary("dryRun")).isEqualTo("Dry run");
        assertThat(OperationConventions.summary("getBPMNDiagram")).isEqualTo("Get BPMN diagram");
    }

    @Test
    void operationIdsNameTheControllersSubject() {
        assertThat(OperationConventions.operationId("list", "TemplateController")).isEqualTo("listTemplate");
        assertThat(OperationConventions.operationId("listTemplates", "TemplateController")).isEqualTo("listTemplates");
    }

    @Test
    void theStatusInTheCodeReplacesSpringdocsDefault() throws Exception {
        assertThat(SuccessStatuses.of(Handlers.class.getDeclaredMethod("created"))).containsExactly(201);
        assertThat(SuccessStatuses.of(Handlers.class.getDeclaredMethod("createdInALambda"))).containsExactly(201);
        assertThat(SuccessStatuses.of(Handlers.class.getDeclaredMethod("publish"))).containsExactly(201);
        assertThat(SuccessStatuses.of(Handlers.class.getDeclaredMethod("noContent"))).containsExactly(204);
        assertThat(SuccessStatuses.of(Handlers.class.getDeclaredMethod("plain"))).isEmpty();

        ApiResponses responses = new ApiResponses().addApiResponse("200", new ApiResponse().description("OK")
                .content(new Content().addMediaType("application/json", new MediaType())));
        OperationConventions.answer(responses, Set.of(201));
        assertThat(responses).containsOnlyKeys("201");
        assertThat(responses.get("201").getDescription()).isEqualTo("Created");
        assertThat(responses.get("201").getContent()).containsOnlyKeys("application/json");

        ApiResponses either = new ApiResponses().addApiResponse("200", new ApiResponse().description("OK"));
        OperationConventions.answer(either, Set.of(200, 201));
        assertThat(either).containsOnlyKeys("200", "201");
    }

    @SuppressWarnings("unused")
    static final class Handlers {
        ResponseEntity<String> created() {
            return ResponseEntity.created(URI.create("/x")).body("x");
        }

        ResponseEntity<String> createdInALambda() {
            Supplier<ResponseEntity<String>> later = () -> ResponseEntity.created(URI.create("/x")).body("x");
            return later.get();
        }

        ResponseEntity<String> publish() {
            return ResponseEntity.status(HttpStatus.CREATED).body("x");
        }

        ResponseEntity<Void> noContent() {
            return ResponseEntity.noContent().build();
        }

        String plain() {
            return "x";
        }
    }
}
