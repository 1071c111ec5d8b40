package io.tollgate.engine.modules.budget;

import io.tollgate.engine.module.TollgateModule;
import org.springframework.stereotype.Component;

import java.util.List;
import java.util.Map;

/** Planned against actual cost per stage and project. Actual is costs entered plus approved timesheet hours times rates. */
@Component
class BudgetModule implements TollgateModule {

    @Override
    public String key() {
        return "budget";
    }

    @Override
    public Map<String, String> names() {
        return Map.of("en", "Budget", "zh-CN", "预算");
    }

    @Override
    public List<String> paths() {
        return List.of("/api/projects/{id}/budget", "/api/projects/{id}/budget/**");
    }
}
