package io.tollgate.engine.notification;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DeliveryTests {

    static final Instant T0 = Instant.parse("2026-11-23T02:00:00Z");

    static Delivery delivery() {
        Notice notice = new Notice("n1", "ws", "task:1", NoticeKind.TASK_ASSIGNED, "p1", "s1", Map.of("item", "Code"),
                List.of("alice"), T0);
        return new Delivery("d1", notice, "webhook", "h1", T0);
    }

    @Test
    void aSentDeliveryIsNeverTakenOrSentAgain() {
        Delivery d = delivery();
        d.claim(T0, T0.plusSeconds(120));
        d.sent(T0.plusSeconds(1));
        assertThat(d.status()).isEqualTo(Delivery.Status.SENT);
        assertThat(d.due(T0.plus(Duration.ofDays(1)))).isFalse();
        assertThatThrownBy(() -> d.claim(T0.plusSeconds(5), T0.plusSeconds(60))).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> d.sent(T0.plusSeconds(5))).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> d.retry(T0.plusSeconds(5))).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void aFailedAttemptWaitsThenDiesAfterTheLast() {
        Delivery d = delivery();
        d.claim(T0, T0.plusSeconds(120));
        d.failed("HTTP 503", T0, Duration.ofMinutes(1), 2);
        assertThat(d.status()).isEqualTo(Delivery.Status.PENDING);
        assertThat(d.due(T0.plusSeconds(59))).isFalse();
        assertThat(d.due(T0.plusSeconds(60))).isTrue();
        d.claim(T0.plusSeconds(60), T0.plusSeconds(180));
        d.failed("HTTP 503", T0.plusSeconds(61), Duration.ofMinutes(2), 2);
        assertThat(d.status()).isEqualTo(Delivery.Status.DEAD);
        assertThat(d.due(T0.plus(Duration.ofDays(1)))).isFalse();
        d.retry(T0.plusSeconds(300));
        assertThat(d.attempts()).isZero();
        assertThat(d.due(T0.plusSeconds(300))).isTrue();
    }

    @Test
    void aClaimThatIsNotFinishedInTimeLetsAnotherWorkerTakeIt() {
        Delivery d = delivery();
        d.claim(T0, T0.plusSeconds(120));
        assertThat(d.due(T0.plusSeconds(60))).isFalse();
        assertThat(d.due(T0.plusSeconds(121))).isTrue();
        d.claim(T0.plusSeconds(121), T0.plusSeconds(240));
        assertThat(d.attempts()).isEqualTo(2);
    }

    @Test
    void noticesSpeakTheReadersLanguage() {
        Map<String, String> params = Map.of("project", "Apollo", "stage", "Build", "stage@zh-CN", "构建", "due", "2026-12-31");
        assertThat(NoticeKind.STAGE_OVERDUE.title("en", params)).isEqualTo("Overdue: Build");
        assertThat(NoticeKind.STAGE_OVERDUE.title("zh-CN", params)).isEqualTo("已逾期：构建");
        assertThat(NoticeKind.STAGE_OVERDUE.text("zh-CN", params)).contains("Apollo", "构建", "2026-12-31");
        assertThat(NoticeKind.TASK_ASSIGNED.title("fr", Map.of())).as("unknown placeholders vanish").isEqualTo("Task for you:");
    }

    @Test
    void longEventKeysStayTheSameAndFitTheirColumn() {
        String key = "delegated:" + "x".repeat(300);
        assertThat(Notifier.bounded(key)).hasSizeLessThanOrEqualTo(200).isEqualTo(Notifier.bounded(key));
        assertThat(Notifier.bounded("task:1")).isEqualTo("task:1");
    }
}
