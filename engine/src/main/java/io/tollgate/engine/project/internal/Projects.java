package io.tollgate.engine.project.internal;

import io.tollgate.engine.project.Project;

import org.springframework.data.domain.Page;
import java.util.Collection;
import org.springframework.data.domain.Pageable;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.query.Param;

public interface Projects extends JpaRepository<Project, String> {

    /** Projects with no participants yet: rows from before participants were kept. */
    @Query("select p from Project p where p.participants is empty")
    java.util.List<Project> withoutParticipants();

    @Query("""
            select p from Project p where p.workspaceId = :workspace
              and (:everyone = true or exists (select 1 from Project m join m.participants x
                                               where m = p and x in :principals))
              and (:status is null or p.status = :status)
              and (:template is null or p.templateKey = :template)
              and (:q is null or lower(p.name) like :q)
            """)
    Page<Project> search(@Param("workspace") String workspace, @Param("everyone") boolean everyone,
                         @Param("principals") Collection<String> principals, @Param("status") Project.Status status,
                         @Param("template") String template, @Param("q") String q, Pageable page);
}
