package io.tollgate.engine.modules.checkin;

import io.tollgate.engine.module.TollgateModule;
import org.springframework.stereotype.Component;

import java.util.Map;

/** A one-tap daily check-in with a note, from a phone. Workspaces can switch it on; its pages and API arrive with the module itself. */
@Component
class CheckinModule implements TollgateModule {

    @Override
    public String key() {
        return "checkin";
    }

    @Override
    public Map<String, String> names() {
        return Map.of("en", "Daily check-in", "zh-CN", "每日打卡");
    }
}
