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
}
