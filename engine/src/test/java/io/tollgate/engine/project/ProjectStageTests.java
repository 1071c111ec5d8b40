package io.tollgate.engine.project;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The stage state machine, without Spring or the engine. */
class ProjectStageTests {

    private static final Instant T0 = Instant.parse("2026-03-02T09:00:00Z");

    private static ProjectStage waiting() {
        return new ProjectStage("s1", "p1", "testing", "Testing", 0);
    }

    @Test
    void theFirstStartOpensRoundOneWithItsDueDate() {
        ProjectStage stage = waiting();
        assertThat(stage.start(T0, T0.plus(Duration.ofDays(5)))).isTrue();
        assertThat(stage.status()).isEqualTo(ProjectStage.Status.ACTIVE);
        assertThat(stage.round()).isEqualTo(1);
        assertThat(stage.dueAt()).isEqualTo(T0.plus(Duration.ofDays(5)));
        assertThat(stage.reworkCount()).isZero();
    }

    @Test
    void aRejectionIntoTheStageIsReworkInANewRound() {
        ProjectStage stage = waiting();
        stage.start(T0, null);
        stage.awaitApproval();
        stage.rework(T0.plusSeconds(60));
        assertThat(stage.status()).isEqualTo(ProjectStage.Status.ACTIVE);
        assertThat(stage.round()).isEqualTo(2);
        assertThat(stage.reworkCount()).isEqualTo(1);
    }

    @Test
    void comingBackAfterAnEarlierStagesReworkIsANewRoundButNotThisStagesRework() {
        ProjectStage stage = waiting();
        stage.start(T0, null);
        stage.reset();
        stage.start(T0.plusSeconds(60), null);
        assertThat(stage.round()).isEqualTo(2);
        assertThat(stage.reworkCount()).isZero();
    }

    @Test
    void approvalWaitsForEveryApproverOnceAndCompletes() {
        ProjectStage stage = waiting();
        stage.start(T0, null);
        stage.awaitApproval();
        stage.awaitApproval();
        stage.complete(T0.plusSeconds(10));
        assertThat(stage.status()).isEqualTo(ProjectStage.Status.DONE);
        assertThat(stage.finished()).isTrue();
    }

    @Test
    void refusesTransitionsTheStateDoesNotAllow() {
        assertThatThrownBy(() -> waiting().complete(T0)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("cannot complete while WAITING");
        ProjectStage done = waiting();
        done.start(T0, null);
        done.complete(T0);
        assertThatThrownBy(() -> done.skip(T0)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(done::awaitApproval).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> waiting().resubmitted(0)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("cannot take a resubmission while WAITING");
    }

    @Test
    void aSendBackWaitsThenTheResubmissionReopensTheApprovalKeepingVotes() {
        ProjectStage stage = waiting();
        stage.start(T0, null);
        stage.awaitApproval();
        stage.sentBack();
        assertThat(stage.status()).isEqualTo(ProjectStage.Status.SENT_BACK);
        stage.resubmitted(1);
        assertThat(stage.status()).isEqualTo(ProjectStage.Status.APPROVAL);
        assertThat(stage.round()).isEqualTo(2);
        assertThat(stage.keptApprovals()).isEqualTo(1);
    }

    @Test
    void overdueAndEscalationAreNewsOnlyOnceAndNeverForAFinishedStage() {
        ProjectStage stage = waiting();
        stage.start(T0, T0.plus(Duration.ofHours(8)));
        assertThat(stage.markOverdue(T0.plus(Duration.ofHours(9)))).isTrue();
        assertThat(stage.markOverdue(T0.plus(Duration.ofHours(10)))).isFalse();
        assertThat(stage.overdueAt()).isEqualTo(T0.plus(Duration.ofHours(9)));
        stage.complete(T0.plus(Duration.ofHours(11)));
        assertThat(stage.markEscalated(T0.plus(Duration.ofHours(12)))).isFalse();
        assertThat(stage.escalatedAt()).isNull();
    }

    @Test
    void aStageBeingMigratedIgnoresTheEngineRestartingIt() {
        ProjectStage stage = waiting();
        stage.start(T0, null);
        stage.markMigrating();
        assertThat(stage.start(T0.plusSeconds(5), null)).isFalse();
        assertThat(stage.round()).isEqualTo(1);
    }
}
