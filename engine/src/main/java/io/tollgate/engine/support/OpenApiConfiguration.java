package io.tollgate.engine.support;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import io.swagger.v3.oas.models.tags.Tag;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.info.BuildProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The OpenAPI document served at {@code /v3/api-docs}: its title, version, security schemes and the
 * one problem schema every error answers with. The conventions that apply to every operation, also
 * those of controllers that carry no OpenAPI annotations, live in {@link OperationConventions} (per
 * handler method) and {@link DocumentConventions} (per path).
 */
@Configuration
class OpenApiConfiguration {

    static final String BASIC = "basicAuth";
    static final String BEARER = "bearerAuth";
    static final String PROBLEM = "ProblemDetail";
    static final String IDEMPOTENCY_KEY = "IdempotencyKey";

    /** The API's tags, in the order a reader meets them, each with what it covers. */
    static final Map<String, String> TAGS = tags(
            "Projects", "Start projects from published templates, list and read them, change their fields, cancel them.",
            "Tasks and approvals", "The caller's inbox; completing tasks, deciding approvals, delegating, changing signers.",
            "Templates", "Process templates for process admins: drafts, validation, publishing, versions, the compiled "
                    + "BPMN, and moving running projects to another version.",
            "Risks", "A project's risk register (module `risks`: its paths answer 404 where the module is off).",
            "Modules", "The industry modules and which of them are on in the caller's workspace.",
            "Audit", "The append-only audit trail of a project and of the workspace.",
            "Notifications", "The caller's in-app notifications and notification settings; for admins the workspace's "
                    + "defaults, webhooks (DingTalk, Feishu/Lark, WeCom, Slack, signed generic JSON) and deliveries.",
            "Calendar", "The workspace's working-day calendar: working days and hours, holidays, make-up working days.");

    @Bean
    OpenAPI tollgateOpenApi(ObjectProvider<BuildProperties> build) {
        return new OpenAPI()
                .info(new Info().title("Tollgate API").version(version(build.getIfAvailable()))
                        .description("""
                                Tollgate runs project processes: process admins publish templates (stages, tasks, \
                                fields, gates), project managers start projects from them, members complete tasks \
                                and decide approvals at each gate.

                                Every request needs a sign-in: HTTP Basic, or a bearer token where the server is \
                                configured for one. Every error is `application/problem+json` (RFC 9457) with a \
                                stable `type`; validation errors list `errors: [{path, message}]`, unmet gates and \
                                prerequisites `unmet: [{kind, key, message}]`. A POST honours an `Idempotency-Key` \
                                header: the same key again gets the first answer and does the work once."""))
                .components(new Components()
                        .addSecuritySchemes(BASIC, new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("basic")
                                .description("User name and password; the demo profile seeds admin, pm, alice, bob "
                                        + "and carol, each with the password equal to the name."))
                        .addSecuritySchemes(BEARER, new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("bearer")
                                .bearerFormat("JWT").description("A JWT, where the server is configured to accept one."))
                        .addSchemas(PROBLEM, problemSchema())
                        .addParameters(IDEMPOTENCY_KEY, new Parameter().in("header").name("Idempotency-Key")
                                .required(false).schema(string().maxLength(100))
                                .description("Any 1 to 100 visible ASCII characters, such as a UUID. The same key "
                                        + "again, for the same request, answers the first answer and does the work "
                                        + "once; for a different request it is refused (422).")))
                // either scheme will do
                .addSecurityItem(new SecurityRequirement().addList(BASIC))
                .addSecurityItem(new SecurityRequirement().addList(BEARER))
                .tags(TAGS.entrySet().stream().map(t -> new Tag().name(t.getKey()).description(t.getValue())).toList());
    }

    @Bean
    OperationConventions operationConventions() {
        return new OperationConventions();
    }

    @Bean
    DocumentConventions documentConventions() {
        return new DocumentConventions();
    }

    /** The build's version where the build recorded one, else the jar's, else {@code dev} (run from classes). */
    static String version(BuildProperties build) {
        if (build != null && build.getVersion() != null) {
            return build.getVersion();
        }
        String jar = OpenApiConfiguration.class.getPackage().getImplementationVersion();
        return jar == null || jar.isBlank() ? "dev" : jar;
    }

    /** What every problem answer carries, as {@link Problems} and {@link ProblemResponses} write it. */
    static Schema<?> problemSchema() {
        Map<String, Schema> fieldError = new LinkedHashMap<>();
        fieldError.put("path", string().description("Where the bad value is, such as `fields.budget` or `stages[2].key`."));
        fieldError.put("message", string().description("What is wrong with it, in words."));
        fieldError.put("code", string().description("A stable code, for template problems (`stage-unknown-prerequisite`)."));
        fieldError.put("severity", string().description("For template problems: `error` or `warning`."));
        Map<String, Schema> unmet = new LinkedHashMap<>();
        unmet.put("kind", string().description("What kind of condition is open, such as a prerequisite or a criterion."));
        unmet.put("key", string().description("The key of the stage, task or criterion."));
        unmet.put("message", string().description("What is missing, in words."));

        Map<String, Schema> properties = new LinkedHashMap<>();
        properties.put("type", string().format("uri").description("A stable URI per kind of error, under "
                + Problems.BASE + "."));
        properties.put("title", string().description("A short summary of the kind of error."));
        properties.put("status", typed("integer").format("int32").description("The HTTP status code."));
        properties.put("detail", string().description("What went wrong this time, in words for a person."));
        properties.put("instance", string().format("uri-reference").description("The request the problem is about."));
        properties.put("errors", typed("array").description("The bad values, for validation errors.")
                .items(typed("object").properties(fieldError).required(List.of("path", "message"))));
        properties.put("unmet", typed("array").description("The open prerequisites or gate criteria (409).")
                .items(typed("object").properties(unmet).required(List.of("kind", "key", "message"))));
        return typed("object").properties(properties).required(List.of("type", "title", "status", "detail"))
                .description("An RFC 9457 problem, the body of every error (`application/problem+json`).");
    }

    static Schema<Object> string() {
        return typed("string");
    }

    /** A schema of one type, written for OpenAPI 3.0 ({@code type}) and 3.1 ({@code types}) alike. */
    static Schema<Object> typed(String type) {
        Schema<Object> schema = new Schema<>();
        schema.setType(type);
        schema.setTypes(Set.of(type));
        return schema;
    }

    private static Map<String, String> tags(String... namesAndDescriptions) {
        Map<String, String> tags = new LinkedHashMap<>();
        for (int i = 0; i < namesAndDescriptions.length; i += 2) {
            tags.put(namesAndDescriptions[i], namesAndDescriptions[i + 1]);
        }
        return tags;
    }
}
