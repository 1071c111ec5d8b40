package io.tollgate.engine.gate.internal;

import io.tollgate.engine.gate.GateWaiver;
import org.springframework.data.jpa.repository.JpaRepository;

import java.util.List;

public interface Waivers extends JpaRepository<GateWaiver, String> {

    List<GateWaiver> findByProjectIdOrderByRequestedAtAscIdAsc(String projectId);

    List<GateWaiver> findByProjectIdAndStageKeyOrderByRequestedAtAscIdAsc(String projectId, String stageKey);
}
