package io.tollgate.engine.notification.internal;

import io.tollgate.engine.notification.Notice;
import org.springframework.data.jpa.repository.JpaRepository;

import java.util.Optional;

public interface Notices extends JpaRepository<Notice, String> {
    Optional<Notice> findByWorkspaceIdAndEventKey(String workspaceId, String eventKey);
}
