package org.communityhub.gateway.cases.notice;

/**
 * Port: a way a stored notification reaches its recipient beyond the app's list. Today the in-app push (the
 * stream); the notification channels of issue 17 (webhook, WeCom, DingTalk, Feishu, SMS) are further adapters,
 * which must record their own delivery per (notification, channel) and retry, as the alert deliveries do: a
 * sender is called once, by the instance that stored the notification, after the commit. Implementations must
 * be thread-safe and should not throw (a failure is logged by the caller and the others still run).
 */
public interface NoticeSender {

    void send(Notification notification);
}
