package io.tollgate.engine.gate.internal;

import io.tollgate.engine.gate.Resubmission;

import org.springframework.data.jpa.repository.JpaRepository;

import java.util.Optional;

public interface Resubmissions extends JpaRepository<Resubmission, String> {

    Optional<Resubmission> findFirstByProjectIdAndTargetStageAndResolvedAtIsNullOrderByCreatedAtDesc(String projectId,
                                                                                                     String targetStage);
}
