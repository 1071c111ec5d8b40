package io.tollgate.engine.notification;

import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * What a notice is about, with its words in English and Simplified Chinese. Placeholders:
 * {project}, {stage}, {item}, {user}, {decision}, {comment}, {due},
 * {chance}, {target}, {p85}.
 */
public enum NoticeKind {
    TASK_ASSIGNED("Task for you: {item}", "新任务：{item}",
            "{item} in {project} ({stage}) is yours.", "{project}（{stage}）中的任务「{item}」已分配给您。"),
    APPROVAL_REQUESTED("Approval requested: {stage}", "待审批：{stage}",
            "{project} waits for your decision at the gate of {stage}.", "{project} 的「{stage}」关口等待您审批。"),
    APPROVAL_DECIDED("{user} decided: {decision}", "{user} 已审批：{decision}",
            "{user} decided {decision} at the gate of {stage} in {project}. {comment}",
            "{user} 在 {project} 的「{stage}」关口审批：{decision}。{comment}"),
    GATE_REJECTED("Gate {decision}: {stage}", "关口{decision}：{stage}",
            "{user} decided {decision} at the gate of {stage} in {project}: {comment}",
            "{user} 在 {project} 的「{stage}」关口{decision}：{comment}"),
    STAGE_DUE_SOON("Due soon: {stage}", "即将到期：{stage}",
            "{stage} in {project} is due at {due}.", "{project} 的「{stage}」将于 {due} 到期。"),
    STAGE_OVERDUE("Overdue: {stage}", "已逾期：{stage}",
            "{stage} in {project} was due at {due} and is late by more than its alert threshold.",
            "{project} 的「{stage}」应于 {due} 完成，逾期已超过预警阈值。"),
    STAGE_ESCALATED("Escalation: {stage} is still overdue", "升级：「{stage}」仍然逾期",
            "{stage} in {project} was due at {due} and is still not done.",
            "{project} 的「{stage}」应于 {due} 完成，至今仍未完成。"),
    PROJECT_COMPLETED("Project completed: {project}", "项目已完成：{project}",
            "{project} passed its last gate.", "{project} 已通过最后一个关口。"),
    LATE_RISK("Likely late: {project}", "可能延期：{project}",
            "{project} has a {chance} chance of finishing after its target date {target}; the forecast's P85 finish is {p85}.",
            "{project} 有 {chance} 的可能晚于目标日期 {target} 完成；预测的 P85 完成日期为 {p85}。");

    private final Map<String, String> titles;
    private final Map<String, String> texts;

    NoticeKind(String title, String titleZh, String text, String textZh) {
        this.titles = Map.of("en", title, "zh-CN", titleZh);
        this.texts = Map.of("en", text, "zh-CN", textZh);
    }

    /** The name the API uses: {@code stage_overdue}. */
    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<NoticeKind> of(String key) {
        return Arrays.stream(values()).filter(k -> k.key().equals(key)).findFirst();
    }

    public String title(String language, Map<String, String> params) {
        return fill(titles.getOrDefault(language, titles.get("en")), language, params);
    }

    public String text(String language, Map<String, String> params) {
        return fill(texts.getOrDefault(language, texts.get("en")), language, params);
    }

    /** A parameter {@code x} may have a translation {@code x@zh-CN}, used for that language. */
    private static String fill(String pattern, String language, Map<String, String> params) {
        String out = pattern;
        for (Map.Entry<String, String> p : params.entrySet()) {
            if (p.getKey().contains("@")) {
                continue;
            }
            String value = params.getOrDefault(p.getKey() + "@" + language, p.getValue());
            out = out.replace("{" + p.getKey() + "}", value == null ? "" : value);
        }
        return out.replaceAll("\\{[a-z]+}", "").trim();
    }
}
