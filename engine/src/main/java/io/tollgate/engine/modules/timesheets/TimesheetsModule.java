package io.tollgate.engine.modules.timesheets;

import io.tollgate.engine.module.TollgateModule;
import org.springframework.stereotype.Component;

import java.util.Map;

/** Hours worked per person, task and day. Workspaces can switch it on; its pages and API arrive with the module itself. */
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
}
