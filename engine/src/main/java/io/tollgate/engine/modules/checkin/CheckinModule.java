package io.tollgate.engine.modules.checkin;

import io.tollgate.engine.module.TollgateModule;
import org.springframework.stereotype.Component;

import java.util.List;
import java.util.Map;

/** A one-tap daily check-in with a note and an optional photo, from a phone; a stand-up summary per day. */
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

    @Override
    public List<String> paths() {
        return List.of("/api/projects/{id}/checkins", "/api/projects/{id}/checkins/**");
    }
}
