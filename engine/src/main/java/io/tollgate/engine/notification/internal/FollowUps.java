package io.tollgate.engine.notification.internal;

import io.tollgate.engine.notification.FollowUp;
import org.springframework.data.domain.Pageable;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;

import java.time.Instant;
import java.util.List;

public interface FollowUps extends JpaRepository<FollowUp, String> {

    @Query("select f.id from FollowUp f where f.status = 'PENDING' and f.dueAt <= :now order by f.dueAt")
    List<String> dueIds(Instant now, Pageable page);
}
