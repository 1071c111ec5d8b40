package io.tollgate.modeler.validation;

import io.tollgate.modeler.model.Approval;
import io.tollgate.modeler.model.ApprovalMode;
import io.tollgate.modeler.model.Stage;
import io.tollgate.modeler.model.Template;

import java.util.List;

/**
 * An approval that can never be met is refused. Individual users count once; roles and groups hold
 * as many people as the project puts in them, so a quorum over them is checked when a project starts.
 */
final class ApprovalRule implements Rule {

    @Override
    public void check(Template t, ValidationContext context, List<Problem> problems) {
        for (int i = 0; i < t.stages().size(); i++) {
            Stage s = t.stages().get(i);
            if (s.gate() == null || s.gate().approval() == null) {
                continue;
            }
            Approval a = s.gate().approval();
            String path = Paths.gate(i) + ".approval";
            long distinct = a.approvers().stream().distinct().count();
            if (distinct < a.approvers().size()) {
                problems.add(Problem.error(ProblemCode.APPROVAL_DUPLICATE_APPROVER, path + ".approvers",
                        "An approver is listed twice."));
            }
            if (a.mode() instanceof ApprovalMode.Quorum q && q.count() > a.approvers().size()) {
                boolean onlyUsers = a.approvers().stream().allMatch(ref -> ref.startsWith("user:"));
                if (onlyUsers) {
                    problems.add(Problem.error(ProblemCode.APPROVAL_QUORUM_UNREACHABLE, path + ".mode", "A quorum of "
                            + q.count() + " can never be met by " + a.approvers().size() + " approvers."));
                } else {
                    problems.add(Problem.warning(ProblemCode.APPROVAL_QUORUM_DEPENDS_ON_ROLES, path + ".mode", "A quorum of "
                            + q.count() + " needs at least that many people in " + a.approvers()
                            + "; a project that assigns fewer is refused when it starts."));
                }
            }
        }
    }
}
