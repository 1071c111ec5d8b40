package io.tollgate.engine.notification.internal;

import org.springframework.data.repository.query.Param;
import org.springframework.data.jpa.repository.Query;
import io.tollgate.engine.notification.Webhook;
import org.springframework.data.jpa.repository.JpaRepository;

import java.util.List;
import java.util.Optional;

public interface Webhooks extends JpaRepository<Webhook, String> {
    /** A workspace's webhooks; no command changes them, so the query need not flush the command's changes first. */
    @org.springframework.data.jpa.repository.QueryHints(@jakarta.persistence.QueryHint(
            name = org.hibernate.jpa.HibernateHints.HINT_FLUSH_MODE, value = "COMMIT"))
    @Query("select h from Webhook h where h.workspaceId = :workspaceId order by h.createdAt, h.id")
    List<Webhook> findByWorkspaceIdOrderByCreatedAtAscIdAsc(@Param("workspaceId") String workspaceId);

    Optional<Webhook> findByIdAndWorkspaceId(String id, String workspaceId);

    long countByWorkspaceId(String workspaceId);
}
