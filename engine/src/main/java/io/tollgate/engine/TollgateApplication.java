package io.tollgate.engine;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.autoconfigure.domain.EntityScan;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.data.jpa.repository.config.EnableJpaRepositories;

/** Tollgate: project processes described as templates, compiled to BPMN and run on Flowable. */
@SpringBootApplication(scanBasePackages = "io.tollgate")
@EntityScan("io.tollgate")
@EnableJpaRepositories("io.tollgate")
@ConfigurationPropertiesScan("io.tollgate")
public class TollgateApplication {

    public static void main(String[] args) {
        SpringApplication.run(TollgateApplication.class, args);
    }
}
