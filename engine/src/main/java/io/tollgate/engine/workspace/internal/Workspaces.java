package io.tollgate.engine.workspace.internal;

import io.tollgate.engine.workspace.Workspace;

import org.springframework.data.jpa.repository.JpaRepository;

import java.util.Optional;

public interface Workspaces extends JpaRepository<Workspace, String> {
    Optional<Workspace> findByKey(String key);
}
