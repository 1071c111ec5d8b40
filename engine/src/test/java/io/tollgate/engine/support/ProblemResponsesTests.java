package io.tollgate.engine.support;

import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class ProblemResponsesTests {

    @Test
    void takesJavaNamesOutOfTextAndKeepsTheWords() {
        assertThat(ProblemResponses.withoutClassNames(
                "The expression 'date(x)' failed: DateTimeParseException: Text 'x' could not be parsed at index 0"))
                .isEqualTo("The expression 'date(x)' failed: Text 'x' could not be parsed at index 0");
        assertThat(ProblemResponses.withoutClassNames(
                "Cannot deserialize value of type `java.time.Duration` from String \"P5X\""))
                .isEqualTo("Cannot deserialize value of type `Duration` from String \"P5X\"");
        assertThat(ProblemResponses.withoutClassNames("Failed (java.time.format.DateTimeParseException) Text cannot be parsed"))
                .isEqualTo("Failed Text cannot be parsed");
        assertThat(ProblemResponses.withoutClassNames(
                "Document nesting depth (1001) exceeds the maximum allowed (1000, from `StreamReadConstraints.getMaxNestingDepth()`)"))
                .isEqualTo("Document nesting depth (1001) exceeds the maximum allowed (1000)");
        assertThat(ProblemResponses.withoutClassNames("Budget must be at least 0. See tollgate.io/docs, e.g. a number."))
                .isEqualTo("Budget must be at least 0. See tollgate.io/docs, e.g. a number.");
    }

    @Test
    void givesSpringsOwnProblemsATollgateTypeAndCleansEveryMessage() {
        ProblemDetail spring = ProblemDetail.forStatusAndDetail(HttpStatus.METHOD_NOT_ALLOWED, "Method 'DELETE' is not supported.");
        spring.setProperty("errors", List.of(new Problems.FieldError("due", "java.lang.IllegalArgumentException: bad"),
                Map.of("path", "$.name", "message", "NullPointerException")));

        ProblemDetail done = ProblemResponses.finish(spring);

        assertThat(done.getType()).hasToString("https://tollgate.io/problems/method-not-allowed");
        assertThat(done.getTitle()).isEqualTo("Method not allowed");
        assertThat(done.getDetail()).isEqualTo("Method 'DELETE' is not supported.");
        assertThat(done.getProperties().get("errors")).asList().containsExactly(
                new Problems.FieldError("due", "bad"), Map.of("path", "$.name", "message", "This value cannot be used."));
    }

    @Test
    void aProblemWithoutDetailGetsOneInWords() {
        ProblemDetail bare = ProblemDetail.forStatus(HttpStatus.PAYLOAD_TOO_LARGE);

        assertThat(ProblemResponses.finish(bare).getDetail()).isEqualTo("The request is larger than allowed.");
    }
}
