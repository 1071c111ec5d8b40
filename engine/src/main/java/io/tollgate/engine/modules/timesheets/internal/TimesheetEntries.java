package io.tollgate.engine.modules.timesheets.internal;

import io.tollgate.engine.modules.timesheets.TimesheetEntry;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

public interface TimesheetEntries extends JpaRepository<TimesheetEntry, String> {

    List<TimesheetEntry> findByProjectIdAndUsernameAndWeekStartOrderByWorkDateAscCreatedAtAsc(String projectId,
                                                                                             String username,
                                                                                             LocalDate weekStart);

    List<TimesheetEntry> findByProjectIdOrderByWorkDateAscUsernameAscCreatedAtAsc(String projectId);

    /** Hours one person logged on one day, across every project. */
    @Query("select coalesce(sum(e.hours), 0) from TimesheetEntry e where e.username = ?1 and e.workDate = ?2")
    BigDecimal hoursOn(String username, LocalDate day);
}
