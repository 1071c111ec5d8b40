package io.tollgate.engine.support;

import org.springframework.boot.autoconfigure.jackson.Jackson2ObjectMapperBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableAsync;

import java.time.Clock;

/**
 * What every feature shares: one clock, so time can be moved as a whole in tests, asynchronous
 * listeners for events handled after commit, and JSON read within the request limits.
 */
@Configuration
@EnableAsync
class SupportConfiguration {

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }

    /** Spring's ObjectMapper reads JSON nested and sized within bounds, not Jackson's generous defaults. */
    @Bean
    Jackson2ObjectMapperBuilderCustomizer jsonReadLimits(RequestLimits limits) {
        return builder -> builder.postConfigurer(mapper -> mapper.getFactory()
                .setStreamReadConstraints(limits.storedJsonConstraints()));
    }
}
