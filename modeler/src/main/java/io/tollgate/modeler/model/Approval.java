package io.tollgate.modeler.model;

import java.util.List;

/**
 * Who approves a gate and how their decisions combine. Approvers are role keys, {@code user:name}
 * or {@code group:name}. {@code timeout}, when set, says what happens when nobody decides in time.
 */
public record Approval(List<String> approvers, ApprovalMode mode, Timeout timeout) {
    public Approval {
        approvers = approvers == null ? List.of() : List.copyOf(approvers);
    }

    public Approval(List<String> approvers, ApprovalMode mode) {
        this(approvers, mode, null);
    }
}
