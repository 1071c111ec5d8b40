package io.tollgate.engine.modules.timesheets;

import io.tollgate.engine.module.TollgateModule;
import org.springframework.stereotype.Component;

import java.util.List;
import java.util.Map;

/** Hours worked per person, stage or task and day; weeks submitted by their person and approved by the PM. */
@Component
class TimesheetsModule implements TollgateModule {

    @Override
    public String key() {
        return "timesheets";
    }

    @Override
    public Map<String, String> names() {
        return Map.of("en", "Timesheets", "zh-CN", "工时");
    }

    @Override
    public List<String> paths() {
        return List.of("/api/projects/{id}/timesheets", "/api/projects/{id}/timesheets/**");
    }
}
