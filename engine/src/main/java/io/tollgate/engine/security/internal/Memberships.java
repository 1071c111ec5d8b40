package io.tollgate.engine.security.internal;

import io.tollgate.engine.security.Membership;
import jakarta.persistence.LockModeType;
import org.springframework.data.domain.Pageable;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Lock;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.query.Param;

import java.util.List;
import java.util.Optional;

public interface Memberships extends JpaRepository<Membership, Membership.Key> {

    Optional<Membership> findByUsernameAndWorkspaceId(String username, String workspaceId);

    List<Membership> findByUsernameOrderByWorkspaceIdAsc(String username);

    List<Membership> findByWorkspaceIdOrderByUsernameAsc(String workspaceId);

    boolean existsByUsernameAndWorkspaceId(String username, String workspaceId);

    /** Whether an enabled user of that name belongs to the workspace, in one statement. */
    @Query("select count(m) > 0 from Membership m, AppUser u where m.username = :username and m.workspaceId = :workspaceId "
            + "and u.username = m.username and u.enabled = true")
    boolean enabledMember(@Param("username") String username, @Param("workspaceId") String workspaceId);

    /**
     * Which of these names are enabled members of the workspace, in one statement; asked while a
     * command notifies people, whose changes it need not flush first.
     */
    @org.springframework.data.jpa.repository.QueryHints(@jakarta.persistence.QueryHint(
            name = org.hibernate.jpa.HibernateHints.HINT_FLUSH_MODE, value = "COMMIT"))
    @Query("select m.username from Membership m, AppUser u where m.username in :usernames "
            + "and m.workspaceId = :workspaceId and u.username = m.username and u.enabled = true")
    List<String> enabledMembers(@Param("usernames") java.util.Collection<String> usernames,
                                @Param("workspaceId") String workspaceId);

    /** A user's membership of their home workspace, with its groups, in one statement. */
    @Query("select m from Membership m left join fetch m.groups where m.username = :username "
            + "and m.workspaceId = (select u.workspaceId from AppUser u where u.username = :username)")
    Optional<Membership> home(@Param("username") String username);

    /** A user's membership of a workspace, with its groups, in one statement. */
    @Query("select m from Membership m left join fetch m.groups where m.username = :username and m.workspaceId = :workspaceId")
    Optional<Membership> of(@Param("username") String username, @Param("workspaceId") String workspaceId);

    long countByUsername(String username);

    /** Members of a workspace whose name or display name contains the text, enabled ones only. */
    @Query("select m from Membership m, AppUser u where u.username = m.username and m.workspaceId = :workspaceId "
            + "and u.enabled = true and (lower(u.username) like :text escape '\\' "
            + "or lower(u.displayName) like :text escape '\\') order by m.username")
    List<Membership> search(@Param("workspaceId") String workspaceId, @Param("text") String text, Pageable page);

    /**
     * The enabled admins of a workspace, locked until the transaction ends, so two admins demoting or
     * disabling each other at the same time cannot leave the workspace without one.
     */
    @Lock(LockModeType.PESSIMISTIC_WRITE)
    @Query("select m from Membership m where m.workspaceId = :workspaceId "
            + "and concat(',', m.roles, ',') like '%,admin,%' "
            + "and m.username in (select u.username from AppUser u where u.enabled = true) order by m.username")
    List<Membership> lockEnabledAdmins(@Param("workspaceId") String workspaceId);
}
