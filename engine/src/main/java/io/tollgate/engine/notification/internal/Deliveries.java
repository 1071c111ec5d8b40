package io.tollgate.engine.notification.internal;

import io.tollgate.engine.notification.Delivery;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

public interface Deliveries extends JpaRepository<Delivery, String> {

    /** Deliveries a worker may take now (see {@link Delivery#due}). */
    @Query("select d.id from Delivery d where (d.status = 'PENDING' and d.nextAttemptAt <= :now)"
            + " or (d.status = 'SENDING' and d.claimedUntil < :now) order by d.nextAttemptAt")
    List<String> dueIds(Instant now, Pageable page);

    Page<Delivery> findByWorkspaceIdOrderByCreatedAtDesc(String workspaceId, Pageable page);

    Page<Delivery> findByWorkspaceIdAndStatusOrderByCreatedAtDesc(String workspaceId, String status, Pageable page);

    Optional<Delivery> findByIdAndWorkspaceId(String id, String workspaceId);

    /** How many messages went to one target since {@code since}: rate limits of chat robots. */
    long countByChannelAndTargetAndSentAtAfter(String channel, String target, Instant since);
}
