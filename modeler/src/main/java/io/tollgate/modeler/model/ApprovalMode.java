package io.tollgate.modeler.model;

import java.util.Optional;

/** How the approvers' decisions combine into the gate's outcome. */
public sealed interface ApprovalMode {

    String spelling();

    /** The first decision decides (或签). */
    record Any() implements ApprovalMode {
        public String spelling() { return "any"; }
    }

    /** Everyone must approve; one rejection rejects (会签). */
    record All() implements ApprovalMode {
        public String spelling() { return "all"; }
    }

    /** At least {@code count} approvals; rejected as soon as that can no longer be reached. */
    record Quorum(int count) implements ApprovalMode {
        public String spelling() { return "quorum:" + count; }
    }

    /** One after the other in the listed order; one rejection stops it (依次审批). */
    record Sequential() implements ApprovalMode {
        public String spelling() { return "sequential"; }
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
}
