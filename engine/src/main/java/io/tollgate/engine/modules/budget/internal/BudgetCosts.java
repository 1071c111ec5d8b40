package io.tollgate.engine.modules.budget.internal;

import io.tollgate.engine.modules.budget.BudgetCost;
import org.springframework.data.jpa.repository.JpaRepository;

import java.util.List;

public interface BudgetCosts extends JpaRepository<BudgetCost, String> {

    List<BudgetCost> findByProjectId(String projectId);
}
