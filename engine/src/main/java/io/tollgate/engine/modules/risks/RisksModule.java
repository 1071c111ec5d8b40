package io.tollgate.engine.modules.risks;

import io.tollgate.engine.module.TollgateModule;
import org.springframework.stereotype.Component;

import java.util.List;
import java.util.Map;

/** The risk register of each project: probability times impact, an owner, a mitigation, a status. */
@Component
class RisksModule implements TollgateModule {

    static final String KEY = "risks";

    @Override
    public String key() {
        return KEY;
    }

    @Override
    public Map<String, String> names() {
        return Map.of("en", "Risks", "zh-CN", "风险");
    }

    @Override
    public List<String> paths() {
        return List.of("/api/projects/{id}/risks", "/api/projects/{id}/risks/**");
    }
}
