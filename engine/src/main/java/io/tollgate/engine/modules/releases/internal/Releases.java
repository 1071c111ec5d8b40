package io.tollgate.engine.modules.releases.internal;

import io.tollgate.engine.modules.releases.ProjectRelease;
import org.springframework.data.jpa.repository.JpaRepository;

import java.util.List;

public interface Releases extends JpaRepository<ProjectRelease, String> {

    List<ProjectRelease> findByProjectIdOrderByPlannedOnAscCreatedAtAsc(String projectId);

    long countByProjectId(String projectId);
}
