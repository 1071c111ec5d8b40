package io.tollgate.engine.support;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.headers.Header;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import io.swagger.v3.oas.models.tags.Tag;
import org.springdoc.core.customizers.GlobalOpenApiCustomizer;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * What holds for every operation of the API, written into the document once it is built, so that
 * controllers without OpenAPI annotations (the template API of the modeler, features added later)
 * are documented as completely as those with them:
 * <ul>
 * <li>the problems it can answer, each {@code application/problem+json} with the {@code ProblemDetail}
 * schema: 401, 403 and 429 (sign-in throttled) everywhere; 404 where the path names something;
 * 400 where there is a body or a query to get wrong; 413 where there is a body; 409 (state conflicts,
 * concurrent changes, an {@code Idempotency-Key} in use) on every change; 422 (a key reused for
 * another request) on POST. A description written on the controller is kept.</li>
 * <li>the {@code Idempotency-Key} header on every POST, which {@link IdempotencyFilter} honours;</li>
 * <li>a feature tag where the controller names none, from the first segment of the path;</li>
 * <li>{@code application/json} where springdoc wrote {@code *}{@code /*} for a JSON object.</li>
 * </ul>
 */
final class DocumentConventions implements GlobalOpenApiCustomizer {

    private static final String PROBLEM_JSON = "application/problem+json";
    private static final String DEFAULT_TAG_SUFFIX = "-controller";

    private static final Map<Integer, String> GENERIC = Map.of(
            400, "The request is not valid: a malformed body or parameter, or values that break their rules "
                    + "(`errors` lists them).",
            401, "Not signed in, or the credentials are wrong.",
            403, "Signed in, but not allowed to do this.",
            404, "There is nothing at this address, or it is not visible to you.",
            409, "This conflicts with the current state: it changed meanwhile, it no longer allows this, or a "
                    + "request with the same `Idempotency-Key` is still running.",
            413, "The request body is larger than allowed (1 MB unless configured otherwise).",
            422, "The `Idempotency-Key` was already used for a different request.",
            429, "Too many failed sign-ins for this user name or from this address; try again after `Retry-After` "
                    + "seconds.");

    @Override
    public void customise(OpenAPI api) {
        Components components = api.getComponents() == null ? new Components() : api.getComponents();
        api.setComponents(components);
        components.addSchemas(OpenApiConfiguration.PROBLEM, OpenApiConfiguration.problemSchema());
        Set<String> used = new LinkedHashSet<>();
        Set<String> operationIds = new java.util.HashSet<>();
        if (api.getPaths() != null) {
            api.getPaths().forEach((path, item) -> item.readOperationsMap().forEach((method, operation) -> {
                uniqueOperationId(operation, operationIds);
                tag(path, operation);
                used.addAll(operation.getTags());
                if (method == PathItem.HttpMethod.POST) {
                    idempotencyKey(operation);
                }
                operation.setResponses(responses(path, method, operation));
            }));
        }
        api.setTags(tags(api.getTags(), used));
    }

    /** Two handlers of one name in one controller would share an id; the later one gets a number. */
    private static void uniqueOperationId(Operation operation, Set<String> taken) {
        String id = operation.getOperationId();
        if (id == null) {
            return;
        }
        String unique = id;
        for (int n = 2; !taken.add(unique); n++) {
            unique = id + "_" + n;
        }
        operation.setOperationId(unique);
    }

    /** The operation's responses: its own, with the problems it can answer, in order of status. */
    private static ApiResponses responses(String path, PathItem.HttpMethod method, Operation operation) {
        ApiResponses responses = operation.getResponses() == null ? new ApiResponses() : operation.getResponses();
        boolean change = method != PathItem.HttpMethod.GET && method != PathItem.HttpMethod.HEAD
                && method != PathItem.HttpMethod.OPTIONS;
        boolean body = method == PathItem.HttpMethod.POST || method == PathItem.HttpMethod.PUT
                || method == PathItem.HttpMethod.PATCH || operation.getRequestBody() != null;
        boolean query = operation.getParameters() != null
                && operation.getParameters().stream().anyMatch(p -> "query".equals(p.getIn()));
        Set<Integer> problems = new TreeSet<>(List.of(401, 403, 429));
        if (path.contains("{")) {
            problems.add(404);
        }
        if (body || query) {
            problems.add(400);
        }
        if (body) {
            problems.add(413);
        }
        if (change) {
            problems.add(409);
        }
        if (method == PathItem.HttpMethod.POST) {
            problems.add(422);
        }
        for (int status : problems) {
            responses.putIfAbsent(Integer.toString(status), new ApiResponse().description(GENERIC.get(status)));
        }
        ApiResponses sorted = new ApiResponses();
        responses.entrySet().stream().sorted(Comparator.comparing(Map.Entry::getKey)).forEach(e -> {
            String code = e.getKey();
            ApiResponse response = e.getValue();
            if (code.startsWith("4") || code.startsWith("5")) {
                problem(code, response);
            } else {
                plainJson(response);
            }
            sorted.addApiResponse(code, response);
        });
        return sorted;
    }

    private static void problem(String code, ApiResponse response) {
        response.setContent(new Content().addMediaType(PROBLEM_JSON, new MediaType()
                .schema(new Schema<>().$ref("#/components/schemas/" + OpenApiConfiguration.PROBLEM))));
        if (response.getDescription() == null || response.getDescription().isBlank()) {
            response.setDescription(GENERIC.getOrDefault(Integer.parseInt(code), "A problem."));
        }
        if ("401".equals(code)) {
            response.addHeaderObject("WWW-Authenticate", new Header().description("How to sign in: `Basic realm=\"tollgate\"`.")
                    .schema(OpenApiConfiguration.string()));
        }
        if ("429".equals(code)) {
            response.addHeaderObject("Retry-After", new Header().description("Seconds to wait before signing in again.")
                    .schema(OpenApiConfiguration.typed("integer")));
        }
    }

    /** Springdoc writes {@code *}{@code /*} where a handler does not say what it produces; the API answers JSON. */
    private static void plainJson(ApiResponse response) {
        Content content = response.getContent();
        if (content == null || content.size() != 1 || !content.containsKey("*/*")) {
            return;
        }
        Schema<?> schema = content.get("*/*").getSchema();
        boolean json = schema != null && (schema.get$ref() != null || hasType(schema, "object") || hasType(schema, "array"));
        if (json) {
            response.setContent(new Content().addMediaType(org.springframework.http.MediaType.APPLICATION_JSON_VALUE,
                    content.get("*/*")));
        }
    }

    private static boolean hasType(Schema<?> schema, String type) {
        return type.equals(schema.getType()) || (schema.getTypes() != null && schema.getTypes().contains(type));
    }

    private static void idempotencyKey(Operation operation) {
        List<Parameter> parameters = operation.getParameters() == null ? new ArrayList<>()
                : new ArrayList<>(operation.getParameters());
        boolean declared = parameters.stream().anyMatch(p -> "header".equals(p.getIn())
                && "Idempotency-Key".equalsIgnoreCase(p.getName()));
        if (!declared) {
            parameters.add(new Parameter().$ref("#/components/parameters/" + OpenApiConfiguration.IDEMPOTENCY_KEY));
            operation.setParameters(parameters);
        }
    }

    /** Springdoc names an untagged controller's tag after its class ({@code template-controller}); the API's are features. */
    private static void tag(String path, Operation operation) {
        List<String> tags = operation.getTags();
        if (tags != null && !tags.isEmpty() && tags.stream().noneMatch(t -> t.endsWith(DEFAULT_TAG_SUFFIX))) {
            return;
        }
        operation.setTags(List.of(featureTag(path)));
    }

    /** {@code /api/templates/{key}} is "Templates", {@code /api/tasks/...} "Tasks and approvals", {@code /api/users} "Users". */
    static String featureTag(String path) {
        String[] segments = path.replaceFirst("^/api/", "").replaceFirst("^/", "").split("/");
        String first = segments.length == 0 || segments[0].isBlank() || segments[0].startsWith("{") ? "other" : segments[0];
        String segment = first.toLowerCase(Locale.ROOT);
        for (String declared : OpenApiConfiguration.TAGS.keySet()) {
            String name = declared.toLowerCase(Locale.ROOT);
            if (name.equals(segment) || name.startsWith(segment + " ")) {
                return declared;
            }
        }
        return Character.toUpperCase(segment.charAt(0)) + segment.substring(1).replace('-', ' ');
    }

    /** The tags operations use: the declared ones first, in their order, with their descriptions, then any other. */
    private static List<Tag> tags(List<Tag> existing, Set<String> used) {
        Map<String, Tag> out = new LinkedHashMap<>();
        OpenApiConfiguration.TAGS.forEach((name, description) -> {
            if (used.contains(name)) {
                out.put(name, new Tag().name(name).description(description));
            }
        });
        Map<String, Tag> others = new java.util.TreeMap<>();
        if (existing != null) {
            existing.stream().filter(t -> used.contains(t.getName()) && !out.containsKey(t.getName()))
                    .forEach(t -> others.merge(t.getName(), t, (a, b) -> a.getDescription() != null ? a : b));
        }
        used.stream().filter(name -> !out.containsKey(name)).forEach(name -> others.putIfAbsent(name, new Tag().name(name)));
        out.putAll(others);
        return new ArrayList<>(out.values());
    }
}
