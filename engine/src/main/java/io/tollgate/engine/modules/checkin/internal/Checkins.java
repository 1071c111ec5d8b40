package io.tollgate.engine.modules.checkin.internal;

import io.tollgate.engine.modules.checkin.Checkin;
import org.springframework.data.jpa.repository.JpaRepository;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

public interface Checkins extends JpaRepository<Checkin, String> {

    Optional<Checkin> findByProjectIdAndUsernameAndDay(String projectId, String username, LocalDate day);

    List<Checkin> findByProjectIdAndDayOrderByCheckedInAt(String projectId, LocalDate day);
}
