package io.tollgate.engine.project.internal;

import io.tollgate.engine.project.ProjectStage;

import org.springframework.data.jpa.repository.JpaRepository;

import java.util.List;
import java.util.Optional;

public interface ProjectStages extends JpaRepository<ProjectStage, String> {

    List<ProjectStage> findByProjectIdOrderBySeq(String projectId);

    Optional<ProjectStage> findByProjectIdAndStageKey(String projectId, String stageKey);
}
