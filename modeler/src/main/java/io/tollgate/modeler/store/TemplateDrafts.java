package io.tollgate.modeler.store;

import java.util.List;
import java.util.Optional;

import org.springframework.data.jpa.repository.JpaRepository;

interface TemplateDrafts extends JpaRepository<TemplateDraft, String> {

    Optional<TemplateDraft> findByWorkspaceIdAndKey(String workspaceId, String key);

    List<TemplateDraft> findByWorkspaceId(String workspaceId);

    boolean existsByWorkspaceIdAndKey(String workspaceId, String key);
}
