package io.tollgate.engine.notification;

import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;

/** The delivery worker's rounds run on Spring's scheduler; what they work on lives in the database. */
@Configuration
@EnableScheduling
class NotificationConfiguration {
}
