package io.tollgate.engine.modules.timesheets.internal;

import io.tollgate.engine.modules.timesheets.TimesheetWeek;
import org.springframework.data.jpa.repository.JpaRepository;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

public interface TimesheetWeeks extends JpaRepository<TimesheetWeek, String> {

    Optional<TimesheetWeek> findByProjectIdAndUsernameAndWeekStart(String projectId, String username, LocalDate weekStart);

    List<TimesheetWeek> findByProjectIdOrderByWeekStartDescUsernameAsc(String projectId);
}
