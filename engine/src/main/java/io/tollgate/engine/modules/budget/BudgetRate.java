package io.tollgate.engine.modules.budget;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.math.BigDecimal;

/** An hourly rate on a project: one person's, or the default for everyone else (username {@code *}). */
@Entity
@Table(name = "budget_rate")
public class BudgetRate {

    static final String DEFAULT = "*";

    @Id
    private String id;
    private String projectId;
    private String username;
    private BigDecimal hourly;

    protected BudgetRate() {
    }

    BudgetRate(String id, String projectId, String username, BigDecimal hourly) {
        this.id = id;
        this.projectId = projectId;
        this.username = username;
        this.hourly = hourly;
    }

    public String projectId() { return projectId; }
    public String username() { return username; }
    public BigDecimal hourly() { return hourly; }
}
