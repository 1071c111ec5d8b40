package io.tollgate.engine.project;

import org.springframework.data.jpa.repository.JpaRepository;

import java.util.List;

public interface Decisions extends JpaRepository<Decision, Long> {

    List<Decision> findByProjectIdAndStageKeyOrderByDecidedAt(String projectId, String stageKey);

    List<Decision> findByProjectIdAndStageKeyAndRound(String projectId, String stageKey, int round);
}
