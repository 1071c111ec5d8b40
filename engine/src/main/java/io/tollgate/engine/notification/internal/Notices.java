package io.tollgate.engine.notification.internal;

import org.springframework.data.repository.query.Param;
import org.springframework.data.jpa.repository.Query;
import io.tollgate.engine.notification.Notice;
import org.springframework.data.jpa.repository.JpaRepository;

import java.util.Optional;

public interface Notices extends JpaRepository<Notice, String> {
    @Query("select n from Notice n where n.workspaceId = :workspaceId and n.eventKey = :eventKey")
    Optional<Notice> findByWorkspaceIdAndEventKey(@Param("workspaceId") String workspaceId, @Param("eventKey") String eventKey);
}
