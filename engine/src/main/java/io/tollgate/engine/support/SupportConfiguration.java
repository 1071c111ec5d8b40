package io.tollgate.engine.support;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableAsync;

import java.time.Clock;

/**
 * What every feature shares: one clock, so time can be moved as a whole in tests, and asynchronous
 * listeners for events handled after commit.
 */
@Configuration
@EnableAsync
class SupportConfiguration {

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }
}
