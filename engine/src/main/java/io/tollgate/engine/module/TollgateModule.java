package io.tollgate.engine.module;

import java.util.List;
import java.util.Map;

/**
 * An industry module that plugs into Tollgate: one bean per module. Its key is what workspaces
 * switch on and templates require; its paths answer 404 in a workspace where it is off; its tables
 * come from its own Flyway location with its own history, so its versions never collide with
 * Tollgate's or another module's.
 */
public interface TollgateModule {

    /** The key workspaces and templates use, e.g. {@code risks}. */
    String key();

    /** Its name by language tag: at least {@code en} and {@code zh-CN}. */
    Map<String, String> names();

    /** The API paths it owns, as Spring path patterns ({@code /api/projects/{id}/risks/**}). */
    default List<String> paths() {
        return List.of();
    }

    /** The classpath location of its Flyway migrations. */
    default String migrations() {
        return "db/migration/" + key();
    }
}
