package io.tollgate.modeler.model;

import java.util.List;

/**
 * Who approves a gate and how their decisions combine. Approvers are role keys, {@code user:name}
 * or {@code group:name}.
 */
public record Approval(List<String> approvers, ApprovalMode mode) {
    public Approval {
        approvers = approvers == null ? List.of() : List.copyOf(approvers);
    }
}
