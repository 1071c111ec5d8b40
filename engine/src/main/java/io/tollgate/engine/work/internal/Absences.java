package io.tollgate.engine.work.internal;

import io.tollgate.engine.work.Absence;
import org.springframework.data.jpa.repository.JpaRepository;

import java.util.Optional;

public interface Absences extends JpaRepository<Absence, String> {

    Optional<Absence> findByWorkspaceIdAndUsername(String workspaceId, String username);
}
