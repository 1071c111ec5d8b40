/** Persistence of notices, notifications, deliveries, webhooks and settings; only the notification feature reaches it. */
package io.tollgate.engine.notification.internal;
