package io.tollgate.modeler.validation;

import io.tollgate.modeler.model.Stage;
import io.tollgate.modeler.model.Template;
import io.tollgate.modeler.model.Durations;

import java.util.List;

/** SLA and planned durations are ISO-8601 durations such as P5D or PT4H, and positive. */
final class DurationRule implements Rule {

    @Override
    public void check(Template t, ValidationContext context, List<Problem> problems) {
        for (int i = 0; i < t.stages().size(); i++) {
            Stage s = t.stages().get(i);
            duration(s.duration(), Paths.stage(i) + ".duration", problems);
            duration(s.alertAfter(), Paths.stage(i) + ".alertAfter", problems);
            if (s.alertAfter() != null && s.duration() == null) {
                problems.add(Problem.error(ProblemCode.STAGE_ALERT_WITHOUT_DURATION, Paths.stage(i) + ".alertAfter",
                        "alertAfter counts from the due date, so the stage also needs a duration."));
            }
            if (s.gate() != null && s.gate().approval() != null && s.gate().approval().timeout() != null) {
                duration(s.gate().approval().timeout().after(), Paths.gate(i) + ".approval.timeout.after", problems);
            }
            for (int j = 0; j < s.tasks().size(); j++) {
                duration(s.tasks().get(j).duration(), Paths.task(i, j) + ".duration", problems);
            }
        }
    }

    private static void duration(String text, String path, List<Problem> problems) {
        if (text == null) {
            return;
        }
        if (Durations.parse(text).isEmpty()) {
            problems.add(Problem.error(ProblemCode.DURATION_INVALID, path, "'" + text
                    + "' is not an ISO-8601 duration; write for example P5D (5 days), PT4H (4 hours) or P1DT12H."));
        }
    }
}
