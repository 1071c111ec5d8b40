package io.tollgate.engine.notification.internal;

import io.tollgate.engine.notification.Webhook;
import org.springframework.data.jpa.repository.JpaRepository;

import java.util.List;
import java.util.Optional;

public interface Webhooks extends JpaRepository<Webhook, String> {
    /** A workspace's webhooks; no command changes them, so the query need not flush the command's changes first. */
    @org.springframework.data.jpa.repository.QueryHints(@jakarta.persistence.QueryHint(
            name = org.hibernate.jpa.HibernateHints.HINT_FLUSH_MODE, value = "COMMIT"))
    List<Webhook> findByWorkspaceIdOrderByCreatedAtAscIdAsc(String workspaceId);

    Optional<Webhook> findByIdAndWorkspaceId(String id, String workspaceId);

    long countByWorkspaceId(String workspaceId);
}
