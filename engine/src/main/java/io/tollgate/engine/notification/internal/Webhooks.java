package io.tollgate.engine.notification.internal;

import io.tollgate.engine.notification.Webhook;
import org.springframework.data.jpa.repository.JpaRepository;

import java.util.List;
import java.util.Optional;

public interface Webhooks extends JpaRepository<Webhook, String> {
    List<Webhook> findByWorkspaceIdOrderByCreatedAtAscIdAsc(String workspaceId);

    Optional<Webhook> findByIdAndWorkspaceId(String id, String workspaceId);

    long countByWorkspaceId(String workspaceId);
}
