package io.tollgate.engine.project;

import io.tollgate.engine.project.internal.ProjectStages;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/** The stages of projects as other features read and move them: send-back, rework, resubmission. */
@Service
@Transactional
public class StageService {

    private final ProjectStages stages;
    private final Clock clock;

    StageService(ProjectStages stages, Clock clock) {
        this.stages = stages;
        this.clock = clock;
    }

    @Transactional(readOnly = true)
    public List<ProjectStage> stagesOf(String projectId) {
        return stages.findByProjectIdOrderBySeq(projectId);
    }

    @Transactional(readOnly = true)
    public Map<String, ProjectStage> byKey(String projectId) {
        return stagesOf(projectId).stream().collect(Collectors.toMap(ProjectStage::stageKey, Function.identity()));
    }

    @Transactional(readOnly = true)
    public ProjectStage stage(String projectId, String stageKey) {
        return StagesInTransaction.find(stages, projectId, stageKey).orElseThrow(() -> new IllegalStateException(
                "No stage " + stageKey + " in project " + projectId));
    }

    /**
     * Takes the gate of a stage for one decision: the stage row stays locked until the transaction
     * ends, so approvers of one gate decide one after the other and each counts the others' votes.
     * (The engine alone would not serialise them: two parallel instances completing at once can write
     * the same counter values and neither notices the other.)
     */
    public ProjectStage lockForDecision(String projectId, String stageKey) {
        return stages.lockByProjectIdAndStageKey(projectId, stageKey).orElseThrow(() -> new IllegalStateException(
                "No stage " + stageKey + " in project " + projectId));
    }

    /** Stages the project went back before: they wait to run again. */
    public void reset(String projectId, String stageKey) {
        stages.findByProjectIdAndStageKey(projectId, stageKey).ifPresent(ProjectStage::reset);
    }

    /** The stage's gate sent the project back to an earlier stage. */
    public void sentBack(String projectId, String stageKey) {
        stage(projectId, stageKey).sentBack();
    }

    /** The work of {@code stageKey} is done and the project jumps straight back to a waiting gate. */
    public void finishForResubmission(String projectId, String stageKey) {
        stage(projectId, stageKey).finishForResubmission(clock.instant());
    }

    /** The gate's approval runs again, with {@code kept} approvals still counting. */
    public void resubmitted(ProjectStage gateStage, int kept) {
        gateStage.resubmitted(kept);
    }

    /** A task was taken back: the stage's work goes on, and its approval (if open) waits again. */
    public void backToWork(String projectId, String stageKey) {
        stage(projectId, stageKey).backToWork();
    }
}
