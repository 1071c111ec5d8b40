package io.tollgate.engine.gate.internal;

import org.springframework.data.repository.query.Param;
import org.springframework.data.jpa.repository.Query;
import io.tollgate.engine.gate.Resubmission;

import org.springframework.data.jpa.repository.JpaRepository;

import java.util.Optional;

public interface Resubmissions extends JpaRepository<Resubmission, String> {

    @Query("""
            select r from Resubmission r where r.projectId = :projectId and r.targetStage = :targetStage
              and r.resolvedAt is null order by r.createdAt desc limit 1""")
    Optional<Resubmission> findFirstByProjectIdAndTargetStageAndResolvedAtIsNullOrderByCreatedAtDesc(
            @Param("projectId") String projectId, @Param("targetStage") String targetStage);
}
