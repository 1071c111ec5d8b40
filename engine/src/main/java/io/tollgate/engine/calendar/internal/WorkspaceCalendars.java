package io.tollgate.engine.calendar.internal;

import io.tollgate.engine.calendar.WorkspaceCalendar;
import org.springframework.data.jpa.repository.JpaRepository;

public interface WorkspaceCalendars extends JpaRepository<WorkspaceCalendar, String> {
}
