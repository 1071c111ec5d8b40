package io.tollgate.engine.modules.budget;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;

/** An actual cost entered against a stage: an invoice, a purchase, a fee. */
@Entity
@Table(name = "budget_cost")
public class BudgetCost {

    @Id
    private String id;
    private String projectId;
    private String stageKey;
    private BigDecimal amount;
    private String description;
    private LocalDate spentOn;
    private String createdBy;
    private Instant createdAt;

    protected BudgetCost() {
    }

    BudgetCost(String id, String projectId, String stageKey, BigDecimal amount, String description, LocalDate spentOn,
               String createdBy, Instant createdAt) {
        this.id = id;
        this.projectId = projectId;
        this.stageKey = stageKey;
        this.amount = amount;
        this.description = description;
        this.spentOn = spentOn;
        this.createdBy = createdBy;
        this.createdAt = createdAt;
    }

    public String id() { return id; }
    public String projectId() { return projectId; }
    public String stageKey() { return stageKey; }
    public BigDecimal amount() { return amount; }
    public String description() { return description; }
    public LocalDate spentOn() { return spentOn; }
    public String createdBy() { return createdBy; }
    public Instant createdAt() { return createdAt; }
}
