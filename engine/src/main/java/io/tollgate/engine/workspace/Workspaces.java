package io.tollgate.engine.workspace;

import org.springframework.data.jpa.repository.JpaRepository;

import java.util.Optional;

public interface Workspaces extends JpaRepository<Workspace, String> {
    Optional<Workspace> findByKey(String key);
}
