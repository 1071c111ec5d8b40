package io.tollgate.modeler.model;

import java.util.Optional;

/**
 * How the approvers' decisions combine into the gate's outcome. Each mode carries its own voting
 * rule, so the compiler (completion conditions) and the runtime (counting votes) cannot disagree.
 */
public sealed interface ApprovalMode {

    String spelling();

    /** The outcome of one round of votes under this mode. */
    Outcome outcome(Tally tally);

    /**
     * The JUEL completion condition of the approval's multi-instance loop over the round's counters;
     * {@code nrOfInstances} is the engine's own count of approvers.
     */
    String completionCondition(String approvalsVariable, String rejectionsVariable, String keptVariable);

    /** The JUEL condition, read once the loop is over, under which the gate is approved. */
    String approvedCondition(String approvalsVariable, String rejectionsVariable);

    /** Whether approvers are asked one after the other rather than all at once. */
    boolean sequential();

    /**
     * The votes of the current round. {@code approvals} includes the {@code kept} approvals carried
     * over from an earlier round (quorum after a direct resubmission); {@code rejections} counts
     * rejections and send-backs; {@code instances} is the number of approvers asked in this round.
     */
    record Tally(int approvals, int rejections, int instances, int kept) {
    }

    /** Whether a round is still open, or decided one way. */
    enum Outcome { PENDING, APPROVED, REJECTED }

    /** The first decision decides (或签). */
    record Any() implements ApprovalMode {
        public String spelling() { return "any"; }

        @Override
        public Outcome outcome(Tally tally) {
            if (tally.approvals() >= 1) {
                return Outcome.APPROVED;
            }
            return tally.rejections() >= 1 ? Outcome.REJECTED : Outcome.PENDING;
        }

        @Override
        public String completionCondition(String approvalsVariable, String rejectionsVariable, String keptVariable) {
            return "${" + approvalsVariable + " >= 1 || " + rejectionsVariable + " >= 1}";
        }

        @Override
        public String approvedCondition(String approvalsVariable, String rejectionsVariable) {
            return noRejection(rejectionsVariable);
        }

        @Override
        public boolean sequential() {
            return false;
        }
    }

    /** Everyone must approve; one rejection rejects (会签). */
    record All() implements ApprovalMode {
        public String spelling() { return "all"; }

        @Override
        public Outcome outcome(Tally tally) {
            return unanimous(tally);
        }

        @Override
        public String completionCondition(String approvalsVariable, String rejectionsVariable, String keptVariable) {
            return firstRejection(rejectionsVariable);
        }

        @Override
        public String approvedCondition(String approvalsVariable, String rejectionsVariable) {
            return noRejection(rejectionsVariable);
        }

        @Override
        public boolean sequential() {
            return false;
        }
    }

    /** At least {@code count} approvals; rejected as soon as that can no longer be reached. */
    record Quorum(int count) implements ApprovalMode {
        public String spelling() { return "quorum:" + count; }

        @Override
        public Outcome outcome(Tally tally) {
            if (tally.approvals() >= count) {
                return Outcome.APPROVED;
            }
            // at most instances - rejections + kept approvals are still possible: kept ones stand from an earlier round
            return tally.rejections() > tally.instances() + tally.kept() - count ? Outcome.REJECTED : Outcome.PENDING;
        }

        @Override
        public String completionCondition(String approvalsVariable, String rejectionsVariable, String keptVariable) {
            // unreachable once fewer approvals remain possible than the quorum still needs
            return "${" + approvalsVariable + " >= " + count + " || " + rejectionsVariable
                    + " > nrOfInstances + " + keptVariable + " - " + count + "}";
        }

        @Override
        public String approvedCondition(String approvalsVariable, String rejectionsVariable) {
            return "${" + approvalsVariable + " >= " + count + "}";
        }

        @Override
        public boolean sequential() {
            return false;
        }
    }

    /** One after the other in the listed order; one rejection stops it (依次审批). */
    record Sequential() implements ApprovalMode {
        public String spelling() { return "sequential"; }

        @Override
        public Outcome outcome(Tally tally) {
            return unanimous(tally);
        }

        @Override
        public String completionCondition(String approvalsVariable, String rejectionsVariable, String keptVariable) {
            return firstRejection(rejectionsVariable);
        }

        @Override
        public String approvedCondition(String approvalsVariable, String rejectionsVariable) {
            return noRejection(rejectionsVariable);
        }

        @Override
        public boolean sequential() {
            return true;
        }
    }

    static Optional<ApprovalMode> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        return switch (text) {
            case "any" -> Optional.of(new Any());
            case "all" -> Optional.of(new All());
            case "sequential" -> Optional.of(new Sequential());
            default -> {
                if (text.startsWith("quorum:")) {
                    try {
                        int n = Integer.parseInt(text.substring("quorum:".length()).trim());
                        yield n > 0 ? Optional.of(new Quorum(n)) : Optional.empty();
                    } catch (NumberFormatException e) {
                        yield Optional.empty();
                    }
                }
                yield Optional.empty();
            }
        };
    }

    // Shared by all and sequential: they differ only in whether approvers are asked in turn.

    private static Outcome unanimous(Tally tally) {
        if (tally.rejections() >= 1) {
            return Outcome.REJECTED;
        }
        return tally.approvals() >= tally.instances() ? Outcome.APPROVED : Outcome.PENDING;
    }

    private static String firstRejection(String rejectionsVariable) {
        return "${" + rejectionsVariable + " >= 1}";
    }

    private static String noRejection(String rejectionsVariable) {
        return "${" + rejectionsVariable + " == 0}";
    }
}
