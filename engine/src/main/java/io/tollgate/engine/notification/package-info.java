/**
 * Notifications: domain events turned into notices for the people concerned, shown in-app and
 * delivered through an outbox by email and workspace webhooks (DingTalk, Feishu/Lark, WeCom, Slack,
 * signed generic JSON), with reminders and escalations on the workspace's calendar.
 */
package io.tollgate.engine.notification;
