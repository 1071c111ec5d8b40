package io.tollgate.engine.notification.internal;

import io.tollgate.engine.notification.NotificationPreference;
import org.springframework.data.jpa.repository.JpaRepository;

public interface NotificationPreferences extends JpaRepository<NotificationPreference, NotificationPreference.Key> {

    /** The settings of several owners of one workspace in one statement. */
    java.util.List<NotificationPreference> findByWorkspaceIdAndOwnerIn(String workspaceId,
                                                                       java.util.Collection<String> owners);
}
