package io.tollgate.engine.gate.internal;

import org.springframework.data.repository.query.Param;
import org.springframework.data.jpa.repository.Query;
import io.tollgate.engine.gate.GateWaiver;
import org.springframework.data.jpa.repository.JpaRepository;

import java.util.List;

public interface Waivers extends JpaRepository<GateWaiver, String> {

    List<GateWaiver> findByProjectIdOrderByRequestedAtAscIdAsc(String projectId);

    @Query("select w from GateWaiver w where w.projectId = :projectId and w.stageKey = :stageKey order by w.requestedAt, w.id")
    List<GateWaiver> findByProjectIdAndStageKeyOrderByRequestedAtAscIdAsc(@Param("projectId") String projectId,
                                                                           @Param("stageKey") String stageKey);
}
