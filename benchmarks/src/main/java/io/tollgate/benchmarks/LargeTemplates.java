package io.tollgate.benchmarks;

/**
 * Large but realistic templates as YAML text: blocks of five stages where the second and third run
 * in parallel and the fourth joins them, every stage with fields, three tasks, a gate and an SLA.
 */
public final class LargeTemplates {

    private static final String[] MODES = {"all", "any", "sequential", "\"quorum:2\""};
    private static final String[][] APPROVERS = {{"pm", "sponsor"}, {"\"user:alice\"", "qa"}, {"sponsor", "ops"}};

    private LargeTemplates() {
    }

    /** A valid template with {@code stages} stages (a multiple of five reads best). */
    public static String yaml(int stages) {
        StringBuilder y = new StringBuilder(stages * 1_400);
        y.append("""
                key: large-delivery
                name: Large delivery programme
                names: { zh-CN: 大型交付项目 }
                description: Generated for benchmarks; shaped like it-delivery, repeated.
                industry: it
                roles:
                  pm:      { name: Project manager, names: { zh-CN: 项目经理 } }
                  sponsor: { name: Sponsor, names: { zh-CN: 项目发起人 } }
                  dev:     { name: Developer, names: { zh-CN: 开发 } }
                  qa:      { name: QA lead, names: { zh-CN: 测试负责人 } }
                  ops:     { name: Operations, names: { zh-CN: 运维 } }
                fields:
                  - { key: budget, name: Budget, names: { zh-CN: 预算 }, type: money, currency: CNY, required: true, min: 0 }
                  - { key: urgent, name: Urgent, type: boolean }
                  - { key: customer, name: Customer, type: text, maxLength: 200 }
                stages:
                """);
        for (int i = 0; i < stages; i++) {
            stage(y, i);
        }
        return y.toString();
    }

    private static void stage(StringBuilder y, int i) {
        String key = key(i);
        int inBlock = i % 5;
        y.append("  - key: ").append(key).append('\n')
                .append("    name: Phase ").append(i + 1).append('\n')
                .append("    names: { zh-CN: 阶段").append(i + 1).append(" }\n")
                .append("    owner: ").append(i % 2 == 0 ? "pm" : "dev").append('\n');
        // Second and third stage of a block both follow the first; the fourth waits for both.
        if (inBlock == 2) {
            y.append("    after: [").append(key(i - 2)).append("]\n");
        } else if (inBlock == 3) {
            y.append("    after: [").append(key(i - 2)).append(", ").append(key(i - 1)).append("]\n");
        }
        if (inBlock == 4 && i % 10 == 9) {
            y.append("    when: budget > 100000 || urgent == true\n");
        }
        y.append("    duration: P5D\n")
                .append("    alertAfter: P2D\n")
                .append("    fields:\n")
                .append("      - { key: ").append(key).append("Doc, name: Document, type: url, required: true }\n")
                .append("      - { key: ").append(key).append("Effort, name: Effort in days, type: number, min: 0, max: 1000 }\n")
                .append("    tasks:\n")
                .append("      - { key: design, name: Design, names: { zh-CN: 设计 }, assignee: dev, duration: PT8H }\n")
                .append("      - { key: build, name: Build, assignee: dev, requires: [design], duration: P2D }\n")
                .append("      - { key: review, name: Review, assignee: qa, requires: [design, build],")
                .append(" fields: [ { key: ").append(key).append("Findings, type: textarea } ] }\n")
                .append("    gate:\n")
                .append("      criteria:\n")
                .append("        - { field: ").append(key).append("Doc }\n")
                .append("        - { allTasksDone: true }\n")
                .append("        - { expression: \"").append(key).append("Effort <= 1000\", message: Effort is out of range }\n")
                .append("      approval: { approvers: [").append(String.join(", ", APPROVERS[i % APPROVERS.length]))
                .append("], mode: ").append(MODES[i % MODES.length]).append(" }\n")
                .append("      onReject: ").append(rejectTarget(i)).append('\n')
                .append("      resubmit: ").append(i % 3 == 0 ? "direct" : "replay").append('\n');
    }

    /** Back to the stage itself at the start of a block, otherwise to a stage it comes after. */
    private static String rejectTarget(int i) {
        int inBlock = i % 5;
        if (inBlock == 0) {
            return key(i);
        }
        return key(inBlock == 2 ? i - 2 : i - 1);
    }

    private static String key(int i) {
        return String.format("phase%03d", i + 1);
    }
}
