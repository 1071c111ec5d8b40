/** The notification API: in-app notifications, settings, webhooks and the delivery list. */
package io.tollgate.engine.notification.web;
