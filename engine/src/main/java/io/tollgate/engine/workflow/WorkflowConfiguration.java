package io.tollgate.engine.workflow;

import org.flowable.spring.SpringProcessEngineConfiguration;
import org.flowable.spring.boot.EngineConfigurationConfigurer;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Engine settings Tollgate relies on: its event bridge, and Flyway running before the engine starts. */
@Configuration
class WorkflowConfiguration {

    @Bean
    EngineConfigurationConfigurer<SpringProcessEngineConfiguration> tollgateEngineConfigurer(
            ApplicationEventPublisher publisher, Clock clock) {
        return configuration -> {
            List<org.flowable.common.engine.api.delegate.event.FlowableEventListener> listeners =
                    configuration.getEventListeners() == null ? new ArrayList<>() : new ArrayList<>(configuration.getEventListeners());
            listeners.add(new EngineEventBridge(publisher, clock));
            configuration.setEventListeners(listeners);
            // a gate's approval must close in the transaction of the deciding vote, which holds the
            // gate's lock; Flowable would otherwise finish a parallel approval later, in a job
            configuration.setParallelMultiInstanceAsyncLeave(false);
        };
    }

    /**
     * Flyway refuses a non-empty schema without its history table; the engine must therefore not
     * create its tables first on a fresh database.
     */
    @Bean
    static BeanFactoryPostProcessor engineAfterFlyway() {
        return factory -> {
            if (!(factory instanceof BeanDefinitionRegistry registry)) {
                return;
            }
            for (String name : List.of("processEngine", "springProcessEngineConfiguration")) {
                if (registry.containsBeanDefinition(name) && registry.containsBeanDefinition("flywayInitializer")) {
                    BeanDefinition definition = registry.getBeanDefinition(name);
                    List<String> dependsOn = new ArrayList<>(definition.getDependsOn() == null ? List.of()
                            : Arrays.asList(definition.getDependsOn()));
                    dependsOn.add("flywayInitializer");
                    definition.setDependsOn(dependsOn.toArray(String[]::new));
                }
            }
        };
    }
}
