package io.tollgate.engine.retrospective.internal;

import io.tollgate.engine.retrospective.Retrospective;
import org.springframework.data.domain.Pageable;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.query.Param;

import java.util.List;
import java.util.Optional;

public interface Retrospectives extends JpaRepository<Retrospective, String> {

    Optional<Retrospective> findByProjectId(String projectId);

    /** A workspace's retrospectives, newest first, those of one template and holding a text when asked. */
    @Query("""
            select r from Retrospective r where r.workspaceId = :workspace
              and (:template is null or r.templateKey = :template)
              and (:q is null or r.searchText like :q escape '\\')
            order by r.updatedAt desc, r.id
            """)
    List<Retrospective> search(@Param("workspace") String workspace, @Param("template") String template,
                               @Param("q") String q, Pageable limit);
}
