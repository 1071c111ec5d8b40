package io.tollgate.engine.security;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.Name;

/**
 * {@code tollgate.api-docs.*}: whether the OpenAPI document and Swagger UI are open to anyone.
 * Off unless set: they list every operation of the API. The demo profile turns it on.
 *
 * @param publicDocs {@code tollgate.api-docs.public}
 */
@ConfigurationProperties("tollgate.api-docs")
public record ApiDocsSettings(@Name("public") boolean publicDocs) {
}
