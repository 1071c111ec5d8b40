package io.tollgate.engine.security.internal;

import io.tollgate.engine.security.AppUser;

import org.springframework.data.jpa.repository.JpaRepository;

import java.util.List;

public interface AppUsers extends JpaRepository<AppUser, String> {
    List<AppUser> findByWorkspaceId(String workspaceId);
}
