package io.tollgate.engine.gate.internal;

import io.tollgate.engine.gate.Decision;

import org.springframework.data.jpa.repository.JpaRepository;

import java.util.List;

public interface Decisions extends JpaRepository<Decision, Long> {

    List<Decision> findByProjectIdOrderByDecidedAtAscIdAsc(String projectId);

    List<Decision> findByProjectIdAndStageKeyAndRound(String projectId, String stageKey, int round);
}
