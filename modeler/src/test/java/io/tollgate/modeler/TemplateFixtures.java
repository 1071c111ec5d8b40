package io.tollgate.modeler;

/** Templates used across the modeler's tests, as the YAML a process admin would write. */
public final class TemplateFixtures {
    private TemplateFixtures() {
    }

    /** Five stages in sequence, tasks with requires, gates in modes all and any, a rework target. */
    public static String fiveStages() {
        return """
                key: five-stages
                name: Five stages
                roles:
                  pm: { name: Project manager }
                  sponsor: { name: Sponsor }
                  dev: { name: Developer }
                fields:
                  - { key: budget, type: money, required: true, min: 0 }
                stages:
                  - key: requirements
                    name: Requirements
                    fields:
                      - { key: prdUrl, type: url, required: true }
                    tasks:
                      - { key: write, name: Write, assignee: pm }
                      - { key: review, name: Review, assignee: dev, requires: [write] }
                    gate:
                      criteria: [ { field: prdUrl } ]
                      approval: { approvers: [sponsor], mode: all }
                  - key: prototype
                    tasks: [ { key: build, assignee: dev } ]
                    gate: { approval: { approvers: [pm, sponsor], mode: any }, onReject: requirements }
                  - key: development
                    tasks:
                      - { key: a, assignee: dev }
                      - { key: b, assignee: dev }
                      - { key: c, assignee: pm, requires: [a, b] }
                    gate: { approval: { approvers: [pm], mode: "quorum:1" } }
                  - key: testing
                    tasks: [ { key: test, assignee: "user:alice" } ]
                    gate: { approval: { approvers: [pm, sponsor], mode: sequential } }
                  - key: release
                    tasks: [ { key: ship, assignee: "group:ops" } ]
                """;
    }

    /** Three problems at once: a missing name, a duplicate stage key and an unknown role. */
    public static String threeProblems() {
        return """
                key: broken
                roles:
                  pm: { name: PM }
                stages:
                  - key: one
                    tasks: [ { key: t, assignee: pm } ]
                  - key: one
                    tasks: [ { key: t, assignee: ghost } ]
                """;
    }

    /** One gate in each approval mode: quorum:2 of three with direct resubmission, all, sequential, any. */
    public static String everyApprovalMode() {
        return """
                key: every-mode
                name: Every approval mode
                roles:
                  pm: { name: Project manager }
                  sponsor: { name: Sponsor }
                stages:
                  - key: design
                    tasks: [ { key: draft, assignee: pm } ]
                    gate: { approval: { approvers: [pm, sponsor, "user:alice"], mode: "quorum:2" }, resubmit: direct }
                  - key: build
                    after: [design]
                    gate: { approval: { approvers: [pm, sponsor], mode: all }, onReject: design }
                  - key: review
                    after: [design]
                    gate: { approval: { approvers: [pm, sponsor], mode: sequential } }
                  - key: launch
                    after: [build, review]
                    gate: { approval: { approvers: [pm, sponsor], mode: any } }
                """;
    }
}
