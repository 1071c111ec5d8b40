package io.tollgate.engine.modules.budget;

import io.tollgate.engine.module.TollgateModule;
import org.springframework.stereotype.Component;

import java.util.Map;

/** Planned against actual cost per stage and project. Workspaces can switch it on; its pages and API arrive with the module itself. */
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
}
