package io.tollgate.engine;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.springframework.test.context.DynamicPropertyRegistry;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

/**
 * The database integration tests run on: H2 in memory by default; with {@code -Dtollgate.test.db=postgres}
 * (Maven profile {@code postgres}) a real PostgreSQL: {@code TOLLGATE_TEST_DB_URL} when set, otherwise
 * one started from Maven's embedded binaries for the duration of the run.
 */
public final class TestDatabase {

    private static EmbeddedPostgres embedded;
    private static final java.util.List<String> created = new java.util.ArrayList<>();
    private static boolean cleanupRegistered;

    private TestDatabase() {
    }

    public static boolean postgres() {
        return "postgres".equalsIgnoreCase(System.getProperty("tollgate.test.db", "h2"));
    }

    /** Connection settings for a new, empty database. */
    public record Settings(String url, String user, String password) {
    }

    public static synchronized Settings fresh() {
        if (!postgres()) {
            return new Settings("jdbc:h2:mem:tollgate-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", "sa", "");
        }
        String url = System.getenv("TOLLGATE_TEST_DB_URL");
        String user = System.getenv().getOrDefault("TOLLGATE_TEST_DB_USER", "postgres");
        String password = System.getenv().getOrDefault("TOLLGATE_TEST_DB_PASSWORD", "");
        if (url == null || url.isBlank()) {
            try {
                if (embedded == null) {
                    embedded = EmbeddedPostgres.builder().start();
                    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                        try {
                            embedded.close();
                        } catch (IOException ignored) {
                            // the process is ending anyway
                        }
                    }));
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            url = embedded.getJdbcUrl("postgres", "postgres");
            user = "postgres";
            password = "";
        }
        // each Spring context gets its own database, so runs and contexts never see each other's rows
        String name = "tg_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
        try (Connection c = java.sql.DriverManager.getConnection(url, user, password); Statement s = c.createStatement()) {
            s.execute("create database " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot create a test database at " + url, e);
        }
        created.add(name);
        registerCleanup(url, user, password);
        int slash = url.lastIndexOf('/');
        int query = url.indexOf('?', slash);
        String base = url.substring(0, slash + 1) + name + (query < 0 ? "" : url.substring(query));
        return new Settings(base, user, password);
    }

    /** Drops the databases this run created once the JVM ends, so a shared server does not fill up. */
    private static void registerCleanup(String url, String user, String password) {
        if (cleanupRegistered || embedded != null) {
            return;
        }
        cleanupRegistered = true;
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try (Connection c = java.sql.DriverManager.getConnection(url, user, password); Statement s = c.createStatement()) {
                for (String name : created) {
                    s.execute("drop database if exists " + name + " with (force)");
                }
            } catch (SQLException ignored) {
                // best effort: a left-over test database does no harm
            }
        }));
    }

    public static void register(DynamicPropertyRegistry registry) {
        Settings settings = fresh();
        registry.add("spring.datasource.url", settings::url);
        registry.add("spring.datasource.username", settings::user);
        registry.add("spring.datasource.password", settings::password);
        // the test context cache keeps several servers alive at once: each holds few idle connections,
        // so together they stay well within PostgreSQL's max_connections
        registry.add("spring.datasource.hikari.maximum-pool-size", () -> "10");
        registry.add("spring.datasource.hikari.minimum-idle", () -> "1");
        registry.add("spring.datasource.hikari.idle-timeout", () -> "10000");
    }
}
