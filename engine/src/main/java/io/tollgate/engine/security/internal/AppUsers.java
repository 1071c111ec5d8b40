package io.tollgate.engine.security.internal;

import io.tollgate.engine.security.AppUser;
import jakarta.persistence.LockModeType;
import org.springframework.data.jpa.repository.EntityGraph;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Lock;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.query.Param;

import java.util.List;

public interface AppUsers extends JpaRepository<AppUser, String> {

    List<AppUser> findByWorkspaceId(String workspaceId);

    /** The users of a workspace with their groups, in one query. */
    @EntityGraph(attributePaths = "groups")
    List<AppUser> findByWorkspaceIdOrderByUsernameAsc(String workspaceId);

    /**
     * The enabled admins of a workspace, locked until the transaction ends, so two admins demoting or
     * disabling each other at the same time cannot leave the workspace without one.
     */
    @Lock(LockModeType.PESSIMISTIC_WRITE)
    @Query("select u from AppUser u where u.workspaceId = :workspaceId and u.enabled = true "
            + "and concat(',', u.roles, ',') like '%,admin,%' order by u.username")
    List<AppUser> lockEnabledAdmins(@Param("workspaceId") String workspaceId);
}
