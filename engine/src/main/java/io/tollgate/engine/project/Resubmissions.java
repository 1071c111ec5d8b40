package io.tollgate.engine.project;

import org.springframework.data.jpa.repository.JpaRepository;

import java.util.Optional;

interface Resubmissions extends JpaRepository<Resubmission, String> {

    Optional<Resubmission> findFirstByProjectIdAndTargetStageAndResolvedAtIsNullOrderByCreatedAtDesc(String projectId,
                                                                                                     String targetStage);
}
