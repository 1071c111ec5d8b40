package io.tollgate.engine.support;

import com.fasterxml.jackson.core.StreamReadConstraints;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * {@code tollgate.requests.*}: how large and how deep a request body of the API may be. One cap for
 * every body, sized for the largest legitimate one (a template); strings cannot outgrow the body.
 *
 * @param maxBodySize the largest body of an {@code /api/**} request (413 above it)
 * @param maxDepth    how deeply JSON or YAML bodies may nest objects and arrays (400 below it)
 * @param maxUploadSize the largest multipart body (a file upload, such as a check-in's photo)
 */
@ConfigurationProperties("tollgate.requests")
public record RequestLimits(@DefaultValue("1MB") DataSize maxBodySize, @DefaultValue("64") int maxDepth,
                            @DefaultValue("11MB") DataSize maxUploadSize) {

    public long maxBodyBytes() {
        return maxBodySize.toBytes();
    }

    public long maxUploadBytes() {
        return maxUploadSize.toBytes();
    }

    /** These limits for Jackson's parsers, for request bodies. */
    public StreamReadConstraints streamReadConstraints() {
        int length = (int) Math.min(Integer.MAX_VALUE, maxBodyBytes());
        return StreamReadConstraints.builder().maxNestingDepth(maxDepth).maxStringLength(length)
                .maxDocumentLength(maxBodyBytes()).maxNameLength(Math.min(length, 50_000)).build();
    }

    /**
     * Limits for Spring's ObjectMapper, which also reads back JSON Tollgate wrote itself (events in the
     * publication registry): that wraps request data a few levels deeper and may hold several requests'
     * worth, so it gets twice the depth and four times the string length, and no document limit.
     * Requests themselves are held to {@link #streamReadConstraints()} before Spring reads them.
     */
    public StreamReadConstraints storedJsonConstraints() {
        int length = (int) Math.min(Integer.MAX_VALUE, 4 * maxBodyBytes());
        return StreamReadConstraints.builder().maxNestingDepth(2 * maxDepth).maxStringLength(length).build();
    }
}
