package io.tollgate.engine.modules.risks;

import io.tollgate.engine.gate.ModuleCriterion;
import io.tollgate.engine.modules.risks.internal.Risks;
import io.tollgate.modeler.model.Criterion;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import java.util.List;

/** The gate criterion {@code noOpenHighRisk}: no open risk of the project scores high (15 or more). */
@Component
class NoOpenHighRisk implements ModuleCriterion {

    private final Risks risks;

    NoOpenHighRisk(Risks risks) {
        this.risks = risks;
    }

    @Override
    public Criterion.ModuleKind kind() {
        return Criterion.ModuleKind.NO_OPEN_HIGH_RISK;
    }

    @Override
    @Transactional(readOnly = true)
    public Judgement judge(String projectId, String stageKey) {
        List<String> high = risks.findByProjectIdOrderByCreatedAt(projectId).stream()
                .filter(r -> r.status() == Risk.Status.OPEN && r.level().equals("high"))
                .map(r -> r.title() + " (" + r.score() + ")").toList();
        return high.isEmpty() ? new Judgement(true, "No open high risk.")
                : new Judgement(false, "Open high risks: " + String.join(", ", high) + ".");
    }
}
