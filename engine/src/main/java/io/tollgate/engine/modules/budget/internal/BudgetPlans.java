package io.tollgate.engine.modules.budget.internal;

import io.tollgate.engine.modules.budget.BudgetPlan;
import org.springframework.data.jpa.repository.JpaRepository;

import java.util.List;

public interface BudgetPlans extends JpaRepository<BudgetPlan, String> {

    List<BudgetPlan> findByProjectId(String projectId);
}
