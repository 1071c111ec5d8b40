package io.tollgate.engine.notification;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.mail.MailException;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.stereotype.Component;
import org.springframework.web.util.HtmlUtils;

/** Email over SMTP ({@code spring.mail.*}): a text and an HTML part, with a link that opens the project. */
@Component
class EmailChannel {

    private final ObjectProvider<JavaMailSender> mail;
    private final NotificationSettings settings;

    EmailChannel(ObjectProvider<JavaMailSender> mail, NotificationSettings settings) {
        this.mail = mail;
        this.settings = settings;
    }

    /** Sends; throws when the server does not take it. */
    void send(Message m, String to) throws MessagingException {
        JavaMailSender sender = mail.getIfAvailable();
        if (sender == null) {
            throw new MessagingException("No mail server is configured (spring.mail.host)");
        }
        boolean zh = "zh-CN".equals(m.language());
        MimeMessage mime = sender.createMimeMessage();
        MimeMessageHelper helper = new MimeMessageHelper(mime, true, "UTF-8");
        helper.setFrom(settings.mailFrom());
        helper.setTo(to);
        helper.setSubject("[Tollgate] " + m.title());
        String open = zh ? "打开" : "Open";
        String text = m.title() + "\n\n" + m.text() + "\n\n" + open + ": " + m.link() + "\n";
        String html = "<!DOCTYPE html><html lang=\"" + m.language() + "\"><body>"
                + "<h2>" + HtmlUtils.htmlEscape(m.title()) + "</h2>"
                + "<p>" + HtmlUtils.htmlEscape(m.text()) + "</p>"
                + "<p><a href=\"" + HtmlUtils.htmlEscape(m.link()) + "\">" + open + "</a></p>"
                + "</body></html>";
        helper.setText(text, html);
        mime.setHeader("X-Tollgate-Delivery", m.deliveryId());
        mime.setHeader("X-Tollgate-Event", m.event());
        mime.setHeader("Content-Language", m.language());
        try {
            // a stable Message-ID: a repeated attempt is recognisably the same message
            mime.setHeader("Message-ID", "<" + m.deliveryId() + "@tollgate>");
            sender.send(mime);
        } catch (MailException e) {
            throw new MessagingException(e.getMessage(), e);
        }
    }
}
