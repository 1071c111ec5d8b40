package io.tollgate.engine.modules.releases;

import io.tollgate.engine.module.TollgateModule;
import org.springframework.stereotype.Component;

import java.util.Map;

/** Versions with planned dates, linked work and release notes. Workspaces can switch it on; its pages and API arrive with the module itself. */
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
}
