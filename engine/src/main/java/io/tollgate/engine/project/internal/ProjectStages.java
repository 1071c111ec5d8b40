package io.tollgate.engine.project.internal;

import io.tollgate.engine.project.ProjectStage;

import jakarta.persistence.LockModeType;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Lock;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.query.Param;

import java.util.List;
import java.util.Optional;

public interface ProjectStages extends JpaRepository<ProjectStage, String> {

    @Query("select s from ProjectStage s where s.projectId = :projectId order by s.seq")
    List<ProjectStage> findByProjectIdOrderBySeq(@Param("projectId") String projectId);

    /** The stages of several projects at once, for a page of the project list. */
    List<ProjectStage> findByProjectIdInOrderBySeq(java.util.Collection<String> projectIds);

    @Query("select s from ProjectStage s where s.projectId = :projectId and s.stageKey = :stageKey")
    Optional<ProjectStage> findByProjectIdAndStageKey(@Param("projectId") String projectId, @Param("stageKey") String stageKey);

    /** The stage row, locked until the transaction ends: decisions on one gate take turns. */
    @Lock(LockModeType.PESSIMISTIC_WRITE)
    @Query("select s from ProjectStage s where s.projectId = :projectId and s.stageKey = :stageKey")
    Optional<ProjectStage> lockByProjectIdAndStageKey(@Param("projectId") String projectId, @Param("stageKey") String stageKey);
}
