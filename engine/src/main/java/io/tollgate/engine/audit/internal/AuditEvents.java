package io.tollgate.engine.audit.internal;

import io.tollgate.engine.audit.AuditEvent;

import org.springframework.data.domain.Pageable;
import org.springframework.data.jpa.repository.JpaRepository;

import java.util.List;

public interface AuditEvents extends JpaRepository<AuditEvent, Long> {

    List<AuditEvent> findByProjectIdOrderByIdAsc(String projectId);

    List<AuditEvent> findByWorkspaceIdOrderByIdDesc(String workspaceId, Pageable page);
}
