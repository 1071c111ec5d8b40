package io.tollgate.engine.notification.internal;

import io.tollgate.engine.notification.NotificationPreference;
import org.springframework.data.jpa.repository.JpaRepository;

public interface NotificationPreferences extends JpaRepository<NotificationPreference, NotificationPreference.Key> {
}
