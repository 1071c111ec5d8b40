package io.tollgate.engine.template;

import java.time.Instant;
import java.util.List;

/** What happened to the templates of a workspace through the template library. */
public final class TemplateEvents {
    private TemplateEvents() {
    }

    /**
     * An admin installed a shipped template as the workspace's next version ({@code update} when an
     * earlier version of it was already published), switching on the modules it needed on request.
     */
    public record TemplateInstalled(String workspaceId, String key, int version, boolean update,
                                    List<String> modulesSwitchedOn, String actor, Instant at) {
    }
}
