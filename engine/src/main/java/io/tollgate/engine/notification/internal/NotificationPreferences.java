package io.tollgate.engine.notification.internal;

import io.tollgate.engine.notification.NotificationPreference;
import org.springframework.data.jpa.repository.JpaRepository;

public interface NotificationPreferences extends JpaRepository<NotificationPreference, NotificationPreference.Key> {

    /**
     * The settings of several owners of one workspace in one statement; no command changes them, so
     * the query need not flush the command's changes first.
     */
    @org.springframework.data.jpa.repository.QueryHints(@jakarta.persistence.QueryHint(
            name = org.hibernate.jpa.HibernateHints.HINT_FLUSH_MODE, value = "COMMIT"))
    java.util.List<NotificationPreference> findByWorkspaceIdAndOwnerIn(String workspaceId,
                                                                       java.util.Collection<String> owners);

    /** The same for one user and the workspace's defaults: two parameters, so Hibernate translates it once. */
    @org.springframework.data.jpa.repository.QueryHints(@jakarta.persistence.QueryHint(
            name = org.hibernate.jpa.HibernateHints.HINT_FLUSH_MODE, value = "COMMIT"))
    @org.springframework.data.jpa.repository.Query("select p from NotificationPreference p "
            + "where p.workspaceId = :workspaceId and (p.owner = :owner or p.owner = :defaults)")
    java.util.List<NotificationPreference> findForOwner(
            @org.springframework.data.repository.query.Param("workspaceId") String workspaceId,
            @org.springframework.data.repository.query.Param("owner") String owner,
            @org.springframework.data.repository.query.Param("defaults") String defaults);
}
