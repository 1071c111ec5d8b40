package io.tollgate.engine.gate.internal;

import org.springframework.data.repository.query.Param;
import org.springframework.data.jpa.repository.Query;
import io.tollgate.engine.gate.Decision;

import org.springframework.data.jpa.repository.JpaRepository;

import java.util.List;

public interface Decisions extends JpaRepository<Decision, Long> {

    List<Decision> findByProjectIdOrderByDecidedAtAscIdAsc(String projectId);

    @Query("select d from Decision d where d.projectId = :projectId and d.stageKey = :stageKey and d.round = :round")
    List<Decision> findByProjectIdAndStageKeyAndRound(@Param("projectId") String projectId, @Param("stageKey") String stageKey,
                                                      @Param("round") int round);
}
