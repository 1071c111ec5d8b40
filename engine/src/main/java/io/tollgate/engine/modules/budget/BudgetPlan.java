package io.tollgate.engine.modules.budget;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.math.BigDecimal;

/** The planned cost of one stage of a project. */
@Entity
@Table(name = "budget_plan")
public class BudgetPlan {

    @Id
    private String id;
    private String projectId;
    private String stageKey;
    private BigDecimal planned;

    protected BudgetPlan() {
    }

    BudgetPlan(String id, String projectId, String stageKey, BigDecimal planned) {
        this.id = id;
        this.projectId = projectId;
        this.stageKey = stageKey;
        this.planned = planned;
    }

    void plan(BigDecimal planned) {
        this.planned = planned;
    }

    public String projectId() { return projectId; }
    public String stageKey() { return stageKey; }
    public BigDecimal planned() { return planned; }
}
