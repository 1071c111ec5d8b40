package io.tollgate.engine.template.internal;

import io.tollgate.engine.template.TaskImport;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.query.Param;

import java.time.Instant;

public interface TaskImports extends JpaRepository<TaskImport, String> {

    /** Forgets previews nobody confirmed in time, and confirmed ones once their time is up. */
    @Modifying
    @Query("delete from TaskImport i where i.expiresAt < :before")
    int deleteExpired(@Param("before") Instant before);
}
