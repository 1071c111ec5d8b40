package io.tollgate.engine.support;

import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import org.springdoc.core.customizers.GlobalOperationCustomizer;
import org.springframework.http.HttpStatus;
import org.springframework.web.method.HandlerMethod;

import java.util.Locale;
import java.util.Set;

/**
 * What the OpenAPI document learns from each handler method, whether or not its controller carries
 * OpenAPI annotations: a summary made from the method's name where none is written, an operationId
 * that does not depend on which other controllers exist, and the 2xx status its code really answers
 * ({@link SuccessStatuses}) instead of springdoc's default 200.
 */
final class OperationConventions implements GlobalOperationCustomizer {

    private static final String OK = "200";

    @Override
    public Operation customize(Operation operation, HandlerMethod handler) {
        if (operation.getSummary() == null || operation.getSummary().isBlank()) {
            operation.setSummary(summary(handler.getMethod().getName()));
        }
        io.swagger.v3.oas.annotations.Operation written = handler.getMethodAnnotation(io.swagger.v3.oas.annotations.Operation.class);
        if (written == null || written.operationId().isBlank()) {
            operation.setOperationId(operationId(handler.getMethod().getName(), handler.getBeanType().getSimpleName()));
        }
        ApiResponses responses = operation.getResponses();
        if (responses != null) {
            answer(responses, SuccessStatuses.of(handler.getMethod()));
        }
        return operation;
    }

    /**
     * Documents the statuses the code answers: springdoc's 200 becomes 201 (or 204, ...) where the code
     * never answers 200, and stays beside them where it does.
     */
    static void answer(ApiResponses responses, Set<Integer> statuses) {
        ApiResponse ok = responses.get(OK);
        if (statuses.isEmpty() || ok == null) {
            return;
        }
        for (int status : statuses) {
            String code = Integer.toString(status);
            if (status == 200 || responses.containsKey(code)) {
                continue;
            }
            String reason = HttpStatus.valueOf(status).getReasonPhrase();
            ApiResponse answer = new ApiResponse().headers(ok.getHeaders()).links(ok.getLinks())
                    .description(ok.getDescription() == null || "OK".equals(ok.getDescription()) ? reason : ok.getDescription());
            if (status != 204) {
                answer.setContent(ok.getContent());
            }
            responses.addApiResponse(code, answer);
        }
        if (!statuses.contains(200)) {
            responses.remove(OK);
        }
    }

    /**
     * Springdoc names an operation after its method and numbers repeats ({@code list_3}) in the order it
     * meets controllers, so an id would change when a controller is added. The controller's subject
     * keeps it stable: {@code list} of {@code TemplateController} is {@code listTemplate}.
     */
    static String operationId(String methodName, String controller) {
        String subject = controller.replaceFirst("Controller$", "");
        if (subject.isEmpty() || methodName.toLowerCase(Locale.ROOT).contains(subject.toLowerCase(Locale.ROOT))) {
            return methodName;
        }
        return methodName + subject;
    }

    /** {@code updateFields} reads "Update fields", {@code getBPMN} "Get BPMN". */
    static String summary(String methodName) {
        String[] words = methodName.split("(?<=[a-z0-9])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])|_+");
        StringBuilder out = new StringBuilder();
        for (String word : words) {
            if (word.isEmpty()) {
                continue;
            }
            boolean acronym = word.length() > 1 && word.equals(word.toUpperCase(Locale.ROOT));
            String written = acronym ? word : word.toLowerCase(Locale.ROOT);
            if (out.isEmpty()) {
                written = Character.toUpperCase(written.charAt(0)) + written.substring(1);
            } else {
                out.append(' ');
            }
            out.append(written);
        }
        return out.toString();
    }
}
