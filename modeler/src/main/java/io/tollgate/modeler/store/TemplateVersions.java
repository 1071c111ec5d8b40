package io.tollgate.modeler.store;

import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.query.Param;

import java.util.List;
import java.util.Optional;

interface TemplateVersions extends JpaRepository<TemplateVersion, Long> {

    Optional<TemplateVersion> findByWorkspaceIdAndKeyAndVersion(String workspaceId, String key, int version);

    Optional<TemplateVersion> findFirstByWorkspaceIdAndKeyOrderByVersionDesc(String workspaceId, String key);

    List<TemplateVersion> findByWorkspaceIdAndKeyOrderByVersionAsc(String workspaceId, String key);

    @Query("""
            select v from TemplateVersion v where v.workspaceId = :workspace and v.version =
              (select max(w.version) from TemplateVersion w where w.workspaceId = v.workspaceId and w.key = v.key)
            order by v.key""")
    List<TemplateVersion> findLatestOfEach(@Param("workspace") String workspaceId);

    boolean existsByWorkspaceIdAndKey(String workspaceId, String key);

    Optional<TemplateVersion> findByProcessDefinitionId(String processDefinitionId);
}
