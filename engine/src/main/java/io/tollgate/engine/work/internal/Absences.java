package io.tollgate.engine.work.internal;

import org.springframework.data.repository.query.Param;
import org.springframework.data.jpa.repository.Query;
import io.tollgate.engine.work.Absence;
import org.springframework.data.jpa.repository.JpaRepository;

import java.util.Optional;

public interface Absences extends JpaRepository<Absence, String> {

    @Query("select a from Absence a where a.workspaceId = :workspaceId and a.username = :username")
    Optional<Absence> findByWorkspaceIdAndUsername(@Param("workspaceId") String workspaceId, @Param("username") String username);
}
