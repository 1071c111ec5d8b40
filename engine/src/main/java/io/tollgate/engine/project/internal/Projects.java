package io.tollgate.engine.project.internal;

import io.tollgate.engine.project.Project;

import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.query.Param;

public interface Projects extends JpaRepository<Project, String> {

    @Query("""
            select p from Project p where p.workspaceId = :workspace
              and (:status is null or p.status = :status)
              and (:template is null or p.templateKey = :template)
              and (:q is null or lower(p.name) like :q)
            """)
    Page<Project> search(@Param("workspace") String workspace, @Param("status") Project.Status status,
                         @Param("template") String template, @Param("q") String q, Pageable page);
}
