package io.tollgate.engine.project.internal;

import io.tollgate.engine.project.ProjectCondition;
import org.springframework.data.jpa.repository.JpaRepository;

import java.util.List;

public interface ProjectConditions extends JpaRepository<ProjectCondition, String> {

    List<ProjectCondition> findByProjectIdOrderByCreatedAtAscIdAsc(String projectId);

    /** The conditions of several projects at once, for a page of the project list. */
    List<ProjectCondition> findByProjectIdIn(java.util.Collection<String> projectIds);
}
