package io.tollgate.engine.module;

import org.flywaydb.core.Flyway;
import org.springframework.boot.autoconfigure.flyway.FlywayMigrationStrategy;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * Runs Tollgate's own migrations, then each module's from its own location into its own history
 * table ({@code flyway_schema_history_<module>}), so every module numbers its versions from V1
 * without colliding with Tollgate's or another module's. A module's tables exist whether or not a
 * workspace switches it on: switching is per workspace, the schema is per database.
 */
@Configuration
class ModuleMigrations {

    @Bean
    FlywayMigrationStrategy coreThenModuleMigrations(List<TollgateModule> modules) {
        return core -> {
            core.migrate();
            for (TollgateModule module : modules) {
                if (!hasMigrations(module)) {
                    continue;
                }
                Flyway.configure()
                        .configuration(core.getConfiguration())
                        .locations("classpath:" + module.migrations())
                        .table("flyway_schema_history_" + module.key())
                        // the schema already holds Tollgate's tables: start the module's history at 0
                        .baselineOnMigrate(true)
                        .baselineVersion("0")
                        .load()
                        .migrate();
            }
        };
    }

    private static boolean hasMigrations(TollgateModule module) {
        try {
            return new PathMatchingResourcePatternResolver()
                    .getResources("classpath*:" + module.migrations() + "/*.sql").length > 0;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
