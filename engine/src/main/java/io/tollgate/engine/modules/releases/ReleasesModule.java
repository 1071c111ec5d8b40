package io.tollgate.engine.modules.releases;

import io.tollgate.engine.module.TollgateModule;
import org.springframework.stereotype.Component;

import java.util.List;
import java.util.Map;

/** Versions of each project with their planned date, linked stages and tasks, release notes and a ready mark. */
@Component
class ReleasesModule implements TollgateModule {

    @Override
    public String key() {
        return "releases";
    }

    @Override
    public Map<String, String> names() {
        return Map.of("en", "Releases", "zh-CN", "版本发布");
    }

    @Override
    public List<String> paths() {
        return List.of("/api/projects/{id}/releases", "/api/projects/{id}/releases/**");
    }
}
