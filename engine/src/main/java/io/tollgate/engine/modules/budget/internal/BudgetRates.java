package io.tollgate.engine.modules.budget.internal;

import io.tollgate.engine.modules.budget.BudgetRate;
import org.springframework.data.jpa.repository.JpaRepository;

import java.util.List;

public interface BudgetRates extends JpaRepository<BudgetRate, String> {

    List<BudgetRate> findByProjectId(String projectId);
}
