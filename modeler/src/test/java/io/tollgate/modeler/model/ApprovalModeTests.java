package io.tollgate.modeler.model;

import groovy.lang.Binding;
import groovy.lang.GroovyShell;
import groovy.lang.Script;
import io.tollgate.modeler.TemplateFixtures;
import io.tollgate.modeler.compiler.TemplateCompiler;
import io.tollgate.modeler.model.ApprovalMode.Outcome;
import io.tollgate.modeler.model.ApprovalMode.Tally;
import io.tollgate.modeler.parse.TemplateReader;
import org.flowable.bpmn.model.MultiInstanceLoopCharacteristics;
import org.flowable.bpmn.model.Process;
import org.flowable.bpmn.model.SequenceFlow;
import org.flowable.bpmn.model.SubProcess;
import org.flowable.bpmn.model.UserTask;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

class ApprovalModeTests {

    private static final String APPROVALS = "tg_gate_approvals";
    private static final String REJECTIONS = "tg_gate_rejections";
    private static final String KEPT = "tg_gate_kept";

    @ParameterizedTest(name = "{0} approvals, {1} rejections of {2}: {3}")
    @CsvSource({
            "0, 0, 2, PENDING",
            "1, 0, 2, APPROVED",
            "0, 1, 2, REJECTED",
            "1, 1, 2, APPROVED",
    })
    void anyIsDecidedByTheFirstDecision(int approvals, int rejections, int instances, Outcome expected) {
        assertThat(new ApprovalMode.Any().outcome(new Tally(approvals, rejections, instances, 0))).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0} approvals, {1} rejections of {2}: {3}")
    @CsvSource({
            "0, 0, 2, PENDING",
            "1, 0, 2, PENDING",
            "2, 0, 2, APPROVED",
            "0, 1, 2, REJECTED",
            "1, 1, 2, REJECTED",
            // a signer added during the round raises nrOfInstances: two approvals no longer suffice
            "2, 0, 3, PENDING",
            "3, 0, 3, APPROVED",
            "2, 1, 3, REJECTED",
    })
    void allNeedsEveryApproverAndFailsOnOneRejection(int approvals, int rejections, int instances, Outcome expected) {
        assertThat(new ApprovalMode.All().outcome(new Tally(approvals, rejections, instances, 0))).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0} approvals, {1} rejections of {2}: {3}")
    @CsvSource({
            "0, 0, 2, PENDING",
            "1, 0, 2, PENDING",
            "2, 0, 2, APPROVED",
            "1, 1, 2, REJECTED",
            "2, 0, 3, PENDING",
            "3, 0, 3, APPROVED",
    })
    void sequentialCountsLikeAll(int approvals, int rejections, int instances, Outcome expected) {
        assertThat(new ApprovalMode.Sequential().outcome(new Tally(approvals, rejections, instances, 0)))
                .isEqualTo(expected);
    }

    @ParameterizedTest(name = "quorum:2 with {0} approvals, {1} rejections of {2}: {3}")
    @CsvSource({
            "0, 0, 3, PENDING",
            "1, 0, 3, PENDING",
            "2, 0, 3, APPROVED",
            "2, 1, 3, APPROVED",
            // one rejection of three still leaves two possible approvals
            "1, 1, 3, PENDING",
            "0, 1, 3, PENDING",
    })
    void quorumPassesAtItsCount(int approvals, int rejections, int instances, Outcome expected) {
        assertThat(new ApprovalMode.Quorum(2).outcome(new Tally(approvals, rejections, instances, 0))).isEqualTo(expected);
    }

    @Test
    void quorumFailsAsSoonAsItCanNoLongerBeReached() {
        // two of three rejected: the third approver has not voted, but one approval cannot make two
        assertThat(new ApprovalMode.Quorum(2).outcome(new Tally(0, 2, 3, 0))).isEqualTo(Outcome.REJECTED);
        // a quorum of everyone fails on the first rejection
        assertThat(new ApprovalMode.Quorum(3).outcome(new Tally(0, 1, 3, 0))).isEqualTo(Outcome.REJECTED);
        assertThat(new ApprovalMode.Quorum(3).outcome(new Tally(2, 0, 3, 0))).isEqualTo(Outcome.PENDING);
    }

    @Test
    void quorumCountsApprovalsKeptFromBeforeADirectResubmission() {
        ApprovalMode quorum = new ApprovalMode.Quorum(2);
        // one approval kept, two approvers asked again: one more approval reaches the quorum
        assertThat(quorum.outcome(new Tally(1, 0, 2, 1))).isEqualTo(Outcome.PENDING);
        assertThat(quorum.outcome(new Tally(2, 0, 2, 1))).isEqualTo(Outcome.APPROVED);
        // one rejection still leaves the other approver to reach it with the kept approval
        assertThat(quorum.outcome(new Tally(1, 1, 2, 1))).isEqualTo(Outcome.PENDING);
        assertThat(quorum.outcome(new Tally(1, 2, 2, 1))).isEqualTo(Outcome.REJECTED);
        // without the kept approval the same round would already have failed
        assertThat(quorum.outcome(new Tally(1, 1, 2, 0))).isEqualTo(Outcome.REJECTED);
    }

    @Test
    void onlySequentialAsksApproversInTurn() {
        assertThat(new ApprovalMode.Sequential().sequential()).isTrue();
        assertThat(new ApprovalMode.All().sequential()).isFalse();
        assertThat(new ApprovalMode.Any().sequential()).isFalse();
        assertThat(new ApprovalMode.Quorum(2).sequential()).isFalse();
    }

    @Test
    void spellsTheConditionsTheCompilerHasAlwaysEmitted() {
        assertThat(new ApprovalMode.Any().completionCondition(APPROVALS, REJECTIONS, KEPT))
                .isEqualTo("${tg_gate_approvals >= 1 || tg_gate_rejections >= 1}");
        assertThat(new ApprovalMode.All().completionCondition(APPROVALS, REJECTIONS, KEPT))
                .isEqualTo("${tg_gate_rejections >= 1}");
        assertThat(new ApprovalMode.Sequential().completionCondition(APPROVALS, REJECTIONS, KEPT))
                .isEqualTo("${tg_gate_rejections >= 1}");
        assertThat(new ApprovalMode.Quorum(2).completionCondition(APPROVALS, REJECTIONS, KEPT))
                .isEqualTo("${tg_gate_approvals >= 2 || tg_gate_rejections > nrOfInstances + tg_gate_kept - 2}");

        assertThat(new ApprovalMode.Any().approvedCondition(APPROVALS, REJECTIONS)).isEqualTo("${tg_gate_rejections == 0}");
        assertThat(new ApprovalMode.All().approvedCondition(APPROVALS, REJECTIONS)).isEqualTo("${tg_gate_rejections == 0}");
        assertThat(new ApprovalMode.Sequential().approvedCondition(APPROVALS, REJECTIONS))
                .isEqualTo("${tg_gate_rejections == 0}");
        assertThat(new ApprovalMode.Quorum(2).approvedCondition(APPROVALS, REJECTIONS)).isEqualTo("${tg_gate_approvals >= 2}");
    }

    @Test
    void compiledBpmnCarriesEachModesConditions() {
        TemplateCompiler.Compiled compiled = new TemplateCompiler()
                .compile(new TemplateReader().read(TemplateFixtures.everyApprovalMode()).template());
        Process process = compiled.model().getMainProcess();

        assertThat(loop(process, "design").getCompletionCondition())
                .isEqualTo("${tg_design_approvals >= 2 || tg_design_rejections > nrOfInstances + tg_design_kept - 2}");
        assertThat(loop(process, "build").getCompletionCondition()).isEqualTo("${tg_build_rejections >= 1}");
        assertThat(loop(process, "review").getCompletionCondition()).isEqualTo("${tg_review_rejections >= 1}");
        assertThat(loop(process, "launch").getCompletionCondition())
                .isEqualTo("${tg_launch_approvals >= 1 || tg_launch_rejections >= 1}");
        assertThat(loop(process, "review").isSequential()).isTrue();
        assertThat(loop(process, "build").isSequential()).isFalse();

        assertThat(approvedFlow(process, "design").getConditionExpression()).isEqualTo("${tg_design_approvals >= 2}");
        assertThat(approvedFlow(process, "build").getConditionExpression()).isEqualTo("${tg_build_rejections == 0}");
        assertThat(approvedFlow(process, "review").getConditionExpression()).isEqualTo("${tg_review_rejections == 0}");
        assertThat(approvedFlow(process, "launch").getConditionExpression()).isEqualTo("${tg_launch_rejections == 0}");

        assertThat(compiled.xml())
                .contains("<completionCondition>${tg_design_approvals &gt;= 2 || tg_design_rejections &gt; "
                        + "nrOfInstances + tg_design_kept - 2}</completionCondition>")
                .contains("<completionCondition>${tg_launch_approvals &gt;= 1 || tg_launch_rejections &gt;= 1}"
                        + "</completionCondition>");
    }

    static Stream<Arguments> rounds() {
        return Stream.of(
                Arguments.of(new ApprovalMode.Any(), 3, 0),
                Arguments.of(new ApprovalMode.All(), 3, 0),
                Arguments.of(new ApprovalMode.Sequential(), 3, 0),
                Arguments.of(new ApprovalMode.Quorum(1), 3, 0),
                Arguments.of(new ApprovalMode.Quorum(2), 3, 0),
                Arguments.of(new ApprovalMode.Quorum(3), 3, 0),
                Arguments.of(new ApprovalMode.Quorum(2), 2, 1),
                Arguments.of(new ApprovalMode.Quorum(3), 2, 1),
                Arguments.of(new ApprovalMode.Quorum(3), 1, 2));
    }

    /**
     * Plays every sequence of votes through the compiled conditions the way the engine does: the loop
     * ends when its completion condition holds or every approver has voted, then the approved flow
     * is taken if its condition holds. The runtime's outcome must agree at every vote.
     */
    @ParameterizedTest(name = "{0}, {1} approvers, {2} kept")
    @MethodSource("rounds")
    void compiledConditionsEndTheRoundExactlyWhenTheOutcomeIsDecided(ApprovalMode mode, int instances, int kept) {
        String completion = mode.completionCondition(APPROVALS, REJECTIONS, KEPT);
        String approved = mode.approvedCondition(APPROVALS, REJECTIONS);
        for (int votes = 0; votes < 1 << instances; votes++) {
            int approvals = kept;
            int rejections = 0;
            for (int voter = 0; voter < instances; voter++) {
                if ((votes >> voter & 1) == 1) {
                    approvals++;
                } else {
                    rejections++;
                }
                Tally tally = new Tally(approvals, rejections, instances, kept);
                Outcome outcome = mode.outcome(tally);
                boolean ends = holds(completion, tally) || voter == instances - 1;
                assertThat(outcome != Outcome.PENDING).as("%s decided after %s", mode, tally).isEqualTo(ends);
                if (ends) {
                    assertThat(holds(approved, tally) ? Outcome.APPROVED : Outcome.REJECTED)
                            .as("%s approved flow after %s", mode, tally).isEqualTo(outcome);
                    break;
                }
            }
        }
    }

    private final Map<String, Script> scripts = new HashMap<>();

    /** Evaluates a JUEL condition; its operators on integers mean the same in Groovy. */
    private boolean holds(String condition, Tally tally) {
        Script script = scripts.computeIfAbsent(condition,
                c -> new GroovyShell().parse(c.substring("${".length(), c.length() - "}".length())));
        Binding binding = new Binding();
        binding.setVariable(APPROVALS, tally.approvals());
        binding.setVariable(REJECTIONS, tally.rejections());
        binding.setVariable(KEPT, tally.kept());
        binding.setVariable("nrOfInstances", tally.instances());
        script.setBinding(binding);
        return (Boolean) script.run();
    }

    private static MultiInstanceLoopCharacteristics loop(Process process, String stage) {
        return ((UserTask) process.getFlowElement("approval__" + stage, true)).getLoopCharacteristics();
    }

    private static SequenceFlow approvedFlow(Process process, String stage) {
        SubProcess sub = (SubProcess) process.getFlowElement("stage__" + stage);
        return sub.getFlowElements().stream()
                .filter(SequenceFlow.class::isInstance).map(SequenceFlow.class::cast)
                .filter(f -> "approved".equals(f.getName()))
                .findFirst().orElseThrow();
    }
}
