package io.tollgate.engine.notification.internal;

import io.tollgate.engine.notification.Notification;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.data.jpa.repository.JpaRepository;

import java.util.List;
import java.util.Optional;

public interface Notifications extends JpaRepository<Notification, String> {
    Page<Notification> findByWorkspaceIdAndRecipientOrderByCreatedAtDescIdAsc(String workspaceId, String recipient,
                                                                             Pageable page);

    long countByWorkspaceIdAndRecipientAndReadAtIsNull(String workspaceId, String recipient);

    List<Notification> findByWorkspaceIdAndRecipientAndReadAtIsNull(String workspaceId, String recipient);

    Optional<Notification> findByIdAndWorkspaceIdAndRecipient(String id, String workspaceId, String recipient);
}
