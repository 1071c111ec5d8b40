package io.tollgate.modeler.fuzz;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tollgate.modeler.model.FieldType;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.function.BiFunction;

/**
 * Seeded generator of template documents as Jackson trees, so a test can write them as JSON or YAML.
 * {@link #valid(Random)} gives well-formed templates that use the whole language; {@link #broken(Random)}
 * gives the same kind of template with one to three mutations that each leave at least one error.
 * The same seed always gives the same document.
 */
public final class RandomTemplates {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    static final List<String> USERS = List.of("user:alice", "user:bob", "user:carol", "user:pm", "user:admin");
    static final List<String> GROUPS = List.of("group:dev", "group:qa");
    static final List<String> MODULES = List.of("timesheets", "budget", "risks", "checkin", "releases");

    private static final List<String> WORDS = List.of("review", "build", "test", "release", "design", "plan",
            "deploy", "qa", "ops", "sign", "scope", "launch", "budget", "x", "a", "b", "v2");
    /** Words the compiler itself puts in BPMN ids: keys made of them probe for id clashes. */
    private static final List<String> ID_WORDS = List.of("start", "end", "entry", "fork", "join", "when", "skip",
            "merge", "stage", "task", "approval", "done", "ready", "tasks", "decision", "flow", "to");
    private static final Set<String> RESERVED = Set.of("true", "false", "null", "in", "as", "def", "if", "else",
            "for", "while", "return", "new", "class", "this", "super", "it", "var", "project", "execution");
    private static final List<String> NAMES = List.of("Requirements review", "Prototype", "Development", "Testing",
            "Release", "Review & sign-off", "<Build> the thing", "Quote \"this\"", "It's done", "需求评审", "デプロイ",
            "🚀 Launch", "  padded  ", "Line one\nline two", "Tab\there", "Ünïcödé ñame", "a", "x".repeat(200));
    private static final List<String> LANGUAGES = List.of("zh-CN", "en", "de-DE", "ja");
    private static final List<String> DURATIONS = List.of("P3D", "PT8H", "P1DT12H", "PT30M", "P10D", "PT120H",
            "P1D", "PT1H30M", "P2DT4H");
    private static final List<String> ALERTS = List.of("P1D", "PT4H", "PT2H", "PT30M");
    private static final List<String> PATTERNS = List.of("^[A-Z]{2}-\\d+$", "[a-z]+", ".*", "^https://.+", "\\w+@\\w+\\.com");
    private static final List<String> CURRENCIES = List.of("CNY", "EUR", "USD");

    // Each contains a character no key, type, mode, duration or reference can contain, or is blank.
    private static final List<String> GARBAGE = List.of("", "   ", "\u0000", "💥💥", "<script>alert(1)</script>",
            "'; DROP TABLE templates; --", "${7*7}", "#{x}", "\\", "a b", "ключ", "-1", "1st", "user :bob",
            "quorum:-1", "P-", "\t\n", "a__b", "_x", "{}", "[]", "x".repeat(50) + "!");

    private RandomTemplates() {
    }

    /** A broken document and the mutations that broke it, for failure messages. */
    public record Broken(ObjectNode document, List<String> mutations) {
    }

    /** A well-formed template: validation finds no error in it. */
    public static ObjectNode valid(Random random) {
        return new Generator(random).template();
    }

    /** A template with one to three mutations, each of which makes validation report an error. */
    public static ObjectNode broken(Random random) {
        return brokenDescribed(random).document();
    }

    /** Like {@link #broken(Random)}, also naming the mutations applied. */
    public static Broken brokenDescribed(Random random) {
        ObjectNode doc = valid(random);
        int count = 1 + random.nextInt(3);
        List<String> applied = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            applied.add(mutate(doc, random));
        }
        return new Broken(doc, applied);
    }

    // ---------------------------------------------------------------- valid templates

    /** Builds one valid template; skeletons (keys, fields, tasks) first so gates can name any field. */
    private static final class Generator {
        private final Random r;
        private final Set<String> fieldKeys = new HashSet<>();
        private final List<String> requiredModules = new ArrayList<>();
        private final List<String> numberFields = new ArrayList<>();
        private final List<String> booleanFields = new ArrayList<>();
        private final List<String> roles = new ArrayList<>();
        private final List<ObjectNode> approvalGates = new ArrayList<>();
        private final List<ObjectNode> allGates = new ArrayList<>();

        Generator(Random r) {
            this.r = r;
        }

        ObjectNode template() {
            ObjectNode t = NODES.objectNode();
            t.put("key", templateKey());
            t.put("name", name());
            if (r.nextInt(3) == 0) {
                t.set("names", names());
            }
            if (r.nextInt(3) == 0) {
                t.put("description", name());
            }
            if (r.nextInt(4) == 0) {
                t.put("industry", pick(r, List.of("it", "construction", "marketing")));
            }
            if (r.nextInt(3) == 0) {
                List<String> modules = subset(MODULES, 1 + r.nextInt(3));
                requiredModules.addAll(modules);
                t.set("modules", modules.size() == 1 && r.nextBoolean() ? NODES.textNode(modules.get(0)) : texts(modules));
            }
            int roleCount = r.nextInt(5);
            if (roleCount > 0 || r.nextInt(4) == 0) {
                ObjectNode rs = t.putObject("roles");
                Set<String> used = new HashSet<>();
                for (int i = 0; i < roleCount; i++) {
                    String key = unique(used, this::identifier);
                    roles.add(key);
                    rs.set(key, role());
                }
            }
            int projectFields = r.nextInt(5);
            if (projectFields > 0 || r.nextInt(4) == 0) {
                t.set("fields", fields(projectFields));
            }

            int stageCount = 1 + r.nextInt(12);
            ArrayNode stages = t.putArray("stages");
            List<String> stageKeys = new ArrayList<>();
            Map<String, Set<String>> ancestors = new LinkedHashMap<>();
            Set<String> usedStages = new HashSet<>();
            for (int i = 0; i < stageCount; i++) {
                ObjectNode s = stages.addObject();
                String key = unique(usedStages, this::identifier);
                s.put("key", key);
                List<String> prerequisites = after(s, stageKeys);
                Set<String> anc = new LinkedHashSet<>(prerequisites);
                prerequisites.forEach(p -> anc.addAll(ancestors.get(p)));
                ancestors.put(key, anc);
                stageKeys.add(key);
                if (r.nextInt(3) > 0) {
                    s.put("name", name());
                }
                if (r.nextInt(3) == 0) {
                    s.set("names", names());
                }
                if (!roles.isEmpty() && r.nextInt(5) < 2) {
                    s.put("owner", pick(r, roles));
                }
                if (r.nextInt(2) == 0) {
                    s.put("duration", pick(r, DURATIONS));
                    if (r.nextInt(2) == 0) {
                        s.put("alertAfter", pick(r, ALERTS));
                    }
                }
                int stageFields = r.nextInt(4);
                if (stageFields > 0) {
                    s.set("fields", fields(stageFields));
                }
                tasks(s);
            }
            // Second pass: every field of the template is declared now, so conditions may name any of them.
            for (JsonNode node : stages) {
                ObjectNode s = (ObjectNode) node;
                String key = s.get("key").asText();
                if (r.nextInt(4) == 0) {
                    expression().ifPresent(e -> s.put("when", e));
                }
                if (r.nextInt(4) > 0) {
                    s.set("gate", gate(key, ancestors.get(key)));
                }
            }
            decorateGates(new Random(t.toString().hashCode()));
            return t;
        }

        /** Writes the stage's {@code after} (or leaves it out) and answers its prerequisites. */
        private List<String> after(ObjectNode s, List<String> earlier) {
            int choice = r.nextInt(10);
            if (earlier.isEmpty()) {
                if (choice < 3) {
                    s.putArray("after");
                }
                return List.of();
            }
            if (choice < 4) {
                return List.of(earlier.get(earlier.size() - 1));
            }
            if (choice == 4) {
                s.putArray("after");
                return List.of();
            }
            List<String> chosen = subset(earlier, 1 + r.nextInt(Math.min(3, earlier.size())));
            s.set("after", chosen.size() == 1 && r.nextBoolean() ? NODES.textNode(chosen.get(0)) : texts(chosen));
            return chosen;
        }

        private void tasks(ObjectNode s) {
            int count = r.nextInt(5);
            if (count == 0) {
                if (r.nextInt(4) == 0) {
                    s.putArray("tasks");
                }
                return;
            }
            ArrayNode tasks = s.putArray("tasks");
            List<String> keys = new ArrayList<>();
            Set<String> used = new HashSet<>();
            for (int j = 0; j < count; j++) {
                ObjectNode t = tasks.addObject();
                String key = unique(used, this::identifier);
                t.put("key", key);
                if (r.nextBoolean()) {
                    t.put("name", name());
                }
                if (r.nextInt(4) == 0) {
                    t.set("names", names());
                }
                t.put("assignee", assignee());
                if (!keys.isEmpty() && r.nextInt(3) > 0) {
                    List<String> requires = subset(keys, 1 + r.nextInt(Math.min(2, keys.size())));
                    t.set("requires", requires.size() == 1 && r.nextBoolean()
                            ? NODES.textNode(requires.get(0)) : texts(requires));
                }
                if (r.nextInt(3) == 0) {
                    t.set("fields", fields(1 + r.nextInt(2)));
                }
                if (r.nextInt(3) == 0) {
                    t.put("duration", pick(r, DURATIONS));
                }
                keys.add(key);
            }
        }

        /**
         * Outcomes, time-outs and blockOnLapsedConditions, drawn from their own random numbers (seeded
         * by the finished template) so each seed keeps the template it made before gates had them.
         */
        private void decorateGates(Random x) {
            for (ObjectNode g : approvalGates) {
                ObjectNode a = (ObjectNode) g.get("approval");
                if (x.nextInt(3) == 0) {
                    ObjectNode t = a.putObject("timeout");
                    t.put("after", pick(x, DURATIONS));
                    int action = x.nextInt(4);
                    if (action > 0) {
                        t.put("action", List.of("remind", "approve", "reject").get(action - 1));
                    }
                    if (action <= 1 && x.nextBoolean()) {
                        t.put("repeat", 1 + x.nextInt(10));
                    }
                }
                if (x.nextInt(3) == 0) {
                    List<String> outcomes = new ArrayList<>(List.of("conditional", "hold", "kill", "recycle"));
                    Collections.shuffle(outcomes, x);
                    outcomes = new ArrayList<>(outcomes.subList(0, x.nextInt(5)));
                    outcomes.add(x.nextInt(outcomes.size() + 1), "go");
                    g.set("outcomes", texts(outcomes));
                }
            }
            for (ObjectNode g : allGates) {
                if (x.nextInt(4) == 0) {
                    g.put("blockOnLapsedConditions", x.nextBoolean());
                }
            }
        }

        private ObjectNode gate(String stageKey, Set<String> ancestors) {
            ObjectNode g = NODES.objectNode();
            if (r.nextInt(8) == 0) {
                return g;
            }
            int criteria = r.nextInt(4);
            if (criteria > 0) {
                ArrayNode cs = g.putArray("criteria");
                for (int c = 0; c < criteria; c++) {
                    int kind = r.nextInt(3);
                    if (r.nextInt(4) == 0 && requiredModules.contains("risks")) {
                        cs.addObject().put("noOpenHighRisk", true);
                    } else if (r.nextInt(4) == 0 && requiredModules.contains("releases")) {
                        cs.addObject().put("releaseReady", true);
                    } else if (kind == 0 && !fieldKeys.isEmpty()) {
                        cs.addObject().put("field", pick(r, new ArrayList<>(fieldKeys)));
                    } else if (kind == 1) {
                        cs.addObject().put("allTasksDone", r.nextInt(5) > 0);
                    } else {
                        String e = expression().orElse(null);
                        if (e == null) {
                            cs.addObject().put("allTasksDone", true);
                        } else {
                            cs.addObject().put("expression", e).put("message", name());
                        }
                    }
                }
            }
            if (r.nextInt(7) > 0) {
                ObjectNode a = g.putObject("approval");
                List<String> pool = new ArrayList<>(roles);
                pool.addAll(USERS);
                pool.addAll(GROUPS);
                List<String> approvers = subset(pool, 1 + r.nextInt(4));
                a.set("approvers", approvers.size() == 1 && r.nextInt(4) == 0
                        ? NODES.textNode(approvers.get(0)) : texts(approvers));
                int mode = r.nextInt(6);
                if (mode == 1) {
                    a.put("mode", "any");
                } else if (mode == 2) {
                    a.put("mode", "all");
                } else if (mode == 3) {
                    a.put("mode", "sequential");
                } else if (mode >= 4) {
                    int n = 1 + r.nextInt(approvers.size());
                    a.put("mode", (r.nextInt(5) == 0 ? "quorum: " : "quorum:") + n);
                }
                approvalGates.add(g);
            }
            allGates.add(g);
            if (r.nextBoolean()) {
                List<String> targets = new ArrayList<>(ancestors);
                targets.add(stageKey);
                g.put("onReject", pick(r, targets));
            }
            if (r.nextInt(3) == 0) {
                g.put("resubmit", r.nextBoolean() ? "direct" : "replay");
            }
            return g;
        }

        private ArrayNode fields(int count) {
            ArrayNode fs = NODES.arrayNode();
            for (int i = 0; i < count; i++) {
                fs.add(field());
            }
            return fs;
        }

        private ObjectNode field() {
            FieldType type = pick(r, List.of(FieldType.values()));
            String key = unique(fieldKeys, () -> {
                String k = identifier();
                return RESERVED.contains(k) ? k + "Value" : k;
            });
            ObjectNode f = NODES.objectNode();
            f.put("key", key);
            f.put("type", type.spelling());
            if (r.nextBoolean()) {
                f.put("name", name());
            }
            if (r.nextInt(4) == 0) {
                f.set("names", names());
            }
            if (r.nextInt(3) == 0) {
                f.put("required", r.nextBoolean());
            }
            if (type.numeric()) {
                numberFields.add(key);
                double low = r.nextInt(2000) - 1000;
                if (r.nextBoolean()) {
                    putNumber(f, "min", low);
                }
                if (r.nextBoolean()) {
                    putNumber(f, "max", low + r.nextInt(5000));
                }
                if (type == FieldType.MONEY && r.nextBoolean()) {
                    f.put("currency", pick(r, CURRENCIES));
                }
            } else if (type.textual()) {
                int low = r.nextInt(20);
                if (r.nextBoolean()) {
                    f.put("minLength", low);
                }
                if (r.nextBoolean()) {
                    f.put("maxLength", low + r.nextInt(300));
                }
                if (r.nextInt(3) == 0) {
                    f.put("pattern", pick(r, PATTERNS));
                }
            } else if (type == FieldType.SELECT || type == FieldType.MULTISELECT) {
                ArrayNode options = f.putArray("options");
                Set<String> values = new HashSet<>();
                int count = 1 + r.nextInt(5);
                for (int o = 0; o < count; o++) {
                    int form = r.nextInt(3);
                    if (form == 0) {
                        int n = r.nextInt(100);
                        if (values.add(Integer.toString(n))) {
                            options.add(n);
                        }
                    } else {
                        String v = unique(values, this::identifier);
                        if (form == 1) {
                            options.add(v);
                        } else {
                            ObjectNode option = options.addObject().put("value", v);
                            if (r.nextBoolean()) {
                                option.put("name", name());
                            }
                            if (r.nextBoolean()) {
                                option.set("names", names());
                            }
                        }
                    }
                }
            } else if (type == FieldType.BOOLEAN) {
                booleanFields.add(key);
            }
            return f;
        }

        private void putNumber(ObjectNode f, String prop, double value) {
            // Whole numbers as integers, some with a fraction: both spellings must read the same.
            if (r.nextBoolean()) {
                f.put(prop, (long) value);
            } else {
                f.put(prop, value + 0.5);
            }
        }

        /** A condition over declared number and boolean fields, or none when there are no such fields. */
        private java.util.Optional<String> expression() {
            if (numberFields.isEmpty() && booleanFields.isEmpty()) {
                return java.util.Optional.empty();
            }
            int atoms = 1 + r.nextInt(3);
            StringBuilder e = new StringBuilder();
            for (int i = 0; i < atoms; i++) {
                if (i > 0) {
                    e.append(r.nextBoolean() ? " && " : " || ");
                }
                boolean number = booleanFields.isEmpty() || (!numberFields.isEmpty() && r.nextBoolean());
                if (number) {
                    e.append(pick(r, numberFields)).append(' ').append(pick(r, List.of(">", ">=", "<", "<=", "==", "!=")))
                            .append(' ').append(r.nextInt(10_000));
                } else {
                    e.append(pick(r, booleanFields)).append(r.nextBoolean() ? " == true" : " == false");
                }
            }
            return java.util.Optional.of(atoms > 1 && r.nextBoolean() ? "(" + e + ")" : e.toString());
        }

        /** A display name: plain text in many scripts, with quotes, markup and line breaks. */
        private String name() {
            return pick(r, NAMES);
        }

        private JsonNode role() {
            int form = r.nextInt(6);
            if (form == 0) {
                return NODES.textNode(name());
            }
            if (form == 1) {
                return NODES.nullNode();
            }
            ObjectNode role = NODES.objectNode();
            if (form > 2) {
                role.put("name", name());
            }
            if (form != 3) {
                role.set("names", names());
            }
            return role;
        }

        private String assignee() {
            int kind = r.nextInt(5);
            if (!roles.isEmpty() && kind < 3) {
                return pick(r, roles);
            }
            return kind == 4 ? pick(r, GROUPS) : pick(r, USERS);
        }

        private ObjectNode names() {
            ObjectNode names = NODES.objectNode();
            for (String language : subset(LANGUAGES, 1 + r.nextInt(2))) {
                names.put(language, name());
            }
            return names;
        }

        private String templateKey() {
            int parts = 1 + r.nextInt(3);
            StringBuilder key = new StringBuilder();
            for (int i = 0; i < parts; i++) {
                if (i > 0) {
                    key.append('-');
                }
                key.append(word());
            }
            return key.length() < 2 ? key + "-1" : key.toString();
        }

        private String word() {
            return r.nextInt(4) == 0 ? pick(r, ID_WORDS) : pick(r, WORDS);
        }

        /** A key matching the identifier rule: words joined by single underscores, camel case, or random. */
        private String identifier() {
            int form = r.nextInt(10);
            if (form < 4) {
                return word();
            }
            if (form < 7) {
                return word() + "_" + word();
            }
            if (form < 9) {
                String second = word();
                return word() + Character.toUpperCase(second.charAt(0)) + second.substring(1);
            }
            String alphabet = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
            StringBuilder key = new StringBuilder().append(alphabet.charAt(r.nextInt(52)));
            int length = r.nextInt(12);
            for (int i = 0; i < length; i++) {
                if (r.nextInt(6) == 0) {
                    key.append('_');
                }
                key.append(alphabet.charAt(r.nextInt(alphabet.length())));
            }
            return key.toString();
        }

        private String unique(Set<String> used, java.util.function.Supplier<String> next) {
            for (int attempt = 0; attempt < 5; attempt++) {
                String candidate = next.get();
                if (used.add(candidate)) {
                    return candidate;
                }
            }
            String base = next.get();
            for (int n = 2; ; n++) {
                if (used.add(base + n)) {
                    return base + n;
                }
            }
        }

        private List<String> subset(List<String> from, int size) {
            List<String> copy = new ArrayList<>(from);
            Collections.shuffle(copy, r);
            return new ArrayList<>(copy.subList(0, Math.min(size, copy.size())));
        }
    }

    // ---------------------------------------------------------------- mutations

    /**
     * One mutation; answers what it did, or null when the document has nothing it applies to.
     * Every mutation leaves an error at the place it touched, whatever other mutations do there later.
     */
    private interface Mutation extends BiFunction<ObjectNode, Random, String> {
    }

    private static final List<Mutation> MUTATIONS = List.of(
            RandomTemplates::unknownRole,
            RandomTemplates::unknownStage,
            RandomTemplates::unknownTask,
            RandomTemplates::unknownField,
            RandomTemplates::stageCycle,
            RandomTemplates::taskCycle,
            RandomTemplates::duplicateKey,
            RandomTemplates::duplicateApprover,
            RandomTemplates::missingKeyOrName,
            RandomTemplates::badDuration,
            RandomTemplates::badFieldType,
            RandomTemplates::badFieldRule,
            RandomTemplates::quorumTooBig,
            RandomTemplates::unknownProperty,
            RandomTemplates::wrongType,
            RandomTemplates::badKey,
            RandomTemplates::deleteRequired,
            RandomTemplates::garbage,
            RandomTemplates::badName,
            RandomTemplates::deepJunk,
            RandomTemplates::emptyPart,
            RandomTemplates::badOutcomeOrTimeout);

    /** An outcome a gate cannot offer, or an approval timeout that cannot fire. */
    private static String badOutcomeOrTimeout(ObjectNode doc, Random r) {
        List<ObjectNode> approvals = new ArrayList<>();
        for (ObjectNode s : stages(doc)) {
            if (s.get("gate") instanceof ObjectNode g && g.get("approval") instanceof ObjectNode a) {
                approvals.add(a);
            }
        }
        List<ObjectNode> stages = stages(doc);
        int what = r.nextInt(4);
        if (what == 0 && !approvals.isEmpty()) {
            pick(r, approvals).putObject("timeout").put("after", "PT48H").put("action", "escalate");
            return "unknown timeout action";
        }
        if (what == 1 && !approvals.isEmpty()) {
            pick(r, approvals).putObject("timeout").put("after", "PT48H").put("repeat", r.nextBoolean() ? 0 : 11);
            return "timeout repeat out of range";
        }
        if (stages.isEmpty()) {
            return null;
        }
        ObjectNode s = pick(r, stages);
        if (!(s.get("gate") instanceof ObjectNode g)) {
            return null;
        }
        if (what == 2) {
            g.putArray("outcomes").add("hold").add("kill");
            return "outcomes without go";
        }
        g.putArray("outcomes").add("go").add(r.nextBoolean() ? "pause" : "abandon");
        return "unknown outcome";
    }

    /** A name that is not plain text: a control character XML cannot carry, or an engine expression. */
    private static String badName(ObjectNode doc, Random r) {
        String bad = r.nextBoolean() ? "Bell\u0007" : "Pay ${execution.id}";
        JsonNode stages = doc.path("stages");
        if (stages.isArray() && !stages.isEmpty() && r.nextBoolean()) {
            JsonNode stage = stages.get(r.nextInt(stages.size()));
            if (stage.isObject()) {
                ((ObjectNode) stage).put("name", bad);
                return "bad stage name";
            }
        }
        doc.put("name", bad);
        return "bad template name";
    }

    private static String mutate(ObjectNode doc, Random r) {
        for (int attempt = 0; attempt < 20; attempt++) {
            String done = pick(r, MUTATIONS).apply(doc, r);
            if (done != null) {
                return done;
            }
        }
        doc.put("colour", "blue");
        return "unknown property $.colour";
    }

    private static String unknownRole(ObjectNode doc, Random r) {
        String ghost = "ghostRole" + r.nextInt(1000);
        List<ObjectNode> tasks = tasks(doc);
        List<ArrayNode> approvers = approverLists(doc);
        int where = r.nextInt(3);
        if (where == 0 && !tasks.isEmpty()) {
            pick(r, tasks).put("assignee", ghost);
            return "unknown role as assignee";
        }
        if (where == 1 && !approvers.isEmpty()) {
            pick(r, approvers).add(ghost);
            return "unknown role as approver";
        }
        List<ObjectNode> stages = stages(doc);
        if (stages.isEmpty()) {
            return null;
        }
        pick(r, stages).put("owner", ghost);
        return "unknown role as owner";
    }

    private static String unknownStage(ObjectNode doc, Random r) {
        List<ObjectNode> stages = stages(doc);
        if (stages.isEmpty()) {
            return null;
        }
        ObjectNode s = pick(r, stages);
        if (r.nextBoolean() && s.get("gate") instanceof ObjectNode gate) {
            gate.put("onReject", "ghostStage");
            return "unknown stage in onReject";
        }
        after(s).add("ghostStage");
        return "unknown stage in after";
    }

    private static String unknownTask(ObjectNode doc, Random r) {
        List<ObjectNode> tasks = tasks(doc);
        if (tasks.isEmpty()) {
            return null;
        }
        list(pick(r, tasks), "requires").add("ghostTask");
        return "unknown task in requires";
    }

    private static String unknownField(ObjectNode doc, Random r) {
        List<ObjectNode> stages = stages(doc);
        if (stages.isEmpty()) {
            return null;
        }
        ObjectNode s = pick(r, stages);
        JsonNode gate = s.get("gate");
        if (gate == null || gate.isNull()) {
            gate = s.putObject("gate");
        }
        if (!(gate instanceof ObjectNode g)) {
            return null;
        }
        JsonNode criteria = g.get("criteria");
        if (criteria == null || criteria.isNull()) {
            criteria = g.putArray("criteria");
        }
        if (!(criteria instanceof ArrayNode cs)) {
            return null;
        }
        cs.addObject().put("field", "ghostField");
        return "unknown field in a criterion";
    }

    private static String stageCycle(ObjectNode doc, Random r) {
        List<ObjectNode> stages = stages(doc);
        if (stages.isEmpty() || !stages.stream().allMatch(s -> s.get("key") != null && s.get("key").isTextual())) {
            return null;
        }
        if (stages.size() == 1) {
            after(stages.get(0)).add(stages.get(0).get("key").asText());
            return "stage after itself";
        }
        // i waits for j (written explicitly, whatever the default was), j waits for i: a cycle.
        int i = r.nextInt(stages.size());
        int j = r.nextInt(stages.size() - 1);
        j = j >= i ? j + 1 : j;
        ObjectNode a = stages.get(i);
        ObjectNode b = stages.get(j);
        explicitAfter(stages, i).add(b.get("key").asText());
        explicitAfter(stages, j).add(a.get("key").asText());
        return "cycle between stages " + a.get("key").asText() + " and " + b.get("key").asText();
    }

    private static String taskCycle(ObjectNode doc, Random r) {
        List<ObjectNode> stages = stages(doc);
        Collections.shuffle(stages, r);
        for (ObjectNode s : stages) {
            List<ObjectNode> tasks = children(s, "tasks");
            if (tasks.isEmpty() || !tasks.stream().allMatch(t -> t.get("key") != null && t.get("key").isTextual())) {
                continue;
            }
            if (tasks.size() == 1) {
                list(tasks.get(0), "requires").add(tasks.get(0).get("key").asText());
                return "task requires itself";
            }
            ObjectNode a = tasks.get(r.nextInt(tasks.size()));
            ObjectNode b = tasks.stream().filter(t -> t != a).findFirst().orElseThrow();
            list(a, "requires").add(b.get("key").asText());
            list(b, "requires").add(a.get("key").asText());
            return "cycle between tasks";
        }
        return null;
    }

    private static String duplicateKey(ObjectNode doc, Random r) {
        int what = r.nextInt(3);
        List<ObjectNode> stages = stages(doc);
        if (what == 0) {
            for (ObjectNode s : stages) {
                List<ObjectNode> tasks = children(s, "tasks");
                if (tasks.size() >= 2 && tasks.get(0).get("key") != null) {
                    tasks.get(1).set("key", tasks.get(0).get("key").deepCopy());
                    return "duplicate task key";
                }
            }
        }
        if (what == 1) {
            List<ObjectNode> fields = fields(doc);
            if (!fields.isEmpty() && fields.get(0).get("key") != null && fields.get(0).get("key").isTextual()) {
                ObjectNode copy = fields.get(0).deepCopy();
                if (stages.isEmpty()) {
                    return null;
                }
                ObjectNode stage = pick(r, stages);
                JsonNode fs = stage.get("fields");
                if (fs == null || fs.isNull()) {
                    fs = stage.putArray("fields");
                }
                if (fs instanceof ArrayNode list) {
                    list.add(copy);
                    return "duplicate field key";
                }
            }
        }
        if (stages.isEmpty() || !(doc.get("stages") instanceof ArrayNode all)) {
            return null;
        }
        ObjectNode copy = pick(r, stages).deepCopy();
        copy.remove("after");
        all.add(copy);
        return "duplicate stage key";
    }

    private static String duplicateApprover(ObjectNode doc, Random r) {
        List<ArrayNode> approvers = approverLists(doc);
        approvers.removeIf(a -> a.isEmpty() || !a.get(0).isTextual());
        if (approvers.isEmpty()) {
            return null;
        }
        ArrayNode a = pick(r, approvers);
        a.add(a.get(0).deepCopy());
        return "duplicate approver";
    }

    private static String missingKeyOrName(ObjectNode doc, Random r) {
        int what = r.nextInt(5);
        if (what == 0) {
            doc.remove("key");
            return "template without key";
        }
        if (what == 1) {
            doc.remove("name");
            return "template without name";
        }
        List<ObjectNode> targets = what == 2 ? stages(doc) : what == 3 ? tasks(doc) : fields(doc);
        if (targets.isEmpty()) {
            return null;
        }
        pick(r, targets).remove("key");
        return "element without key";
    }

    private static String badDuration(ObjectNode doc, Random r) {
        List<String> bad = List.of("5 days", "P", "PT-1H", "P1Y", "P2M", "-P1D", "P0D", "", "PT0S", "P1.5D", "1D",
                "P99999999999999999999D", "PT", "P1DT");
        List<ObjectNode> stages = stages(doc);
        if (stages.isEmpty()) {
            return null;
        }
        int what = r.nextInt(4);
        List<ObjectNode> tasks = tasks(doc);
        if (what == 0 && !tasks.isEmpty()) {
            pick(r, tasks).put("duration", pick(r, bad));
            return "bad task duration";
        }
        ObjectNode s = pick(r, stages);
        if (what == 1) {
            s.remove("duration");
            s.put("alertAfter", pick(r, ALERTS));
            return "alertAfter without duration";
        }
        s.put(what == 2 ? "alertAfter" : "duration", pick(r, bad));
        return "bad stage duration";
    }

    private static String badFieldType(ObjectNode doc, Random r) {
        List<ObjectNode> fields = fields(doc);
        if (fields.isEmpty()) {
            JsonNode fs = doc.get("fields");
            if (fs != null && !fs.isArray()) {
                return null;
            }
            fields = List.of(list(doc, "fields").addObject().put("key", "extraField"));
        }
        pick(r, fields).put("type", pick(r, List.of("string", "int", "Text", "NUMBER", "", "colour", "select ")));
        return "bad field type";
    }

    private static String badFieldRule(ObjectNode doc, Random r) {
        List<ObjectNode> fields = fields(doc);
        fields.removeIf(f -> f.get("type") == null || !f.get("type").isTextual());
        if (fields.isEmpty()) {
            return null;
        }
        ObjectNode f = pick(r, fields);
        String type = f.get("type").asText();
        FieldType t = FieldType.of(type).orElse(null);
        if (t == null) {
            return null;
        }
        if (t.numeric()) {
            f.put("min", 10).put("max", 5);
            return "min above max";
        }
        if (t.textual()) {
            if (r.nextBoolean()) {
                f.put("pattern", "([unclosed");
                return "invalid pattern";
            }
            f.put("minLength", 10).put("maxLength", 2);
            return "minLength above maxLength";
        }
        if (t == FieldType.SELECT || t == FieldType.MULTISELECT) {
            f.putArray("options").add("same").add("same");
            return "duplicate option";
        }
        f.put(pick(r, List.of("min", "minLength", "currency")), r.nextBoolean() ? 3 : 1);
        f.putArray("options").add("x");
        return "rule that does not apply to " + type;
    }

    private static String quorumTooBig(ObjectNode doc, Random r) {
        List<ObjectNode> stages = stages(doc);
        if (stages.isEmpty()) {
            return null;
        }
        ObjectNode s = pick(r, stages);
        JsonNode gate = s.get("gate");
        if (gate == null || gate.isNull()) {
            gate = s.putObject("gate");
        }
        if (!(gate instanceof ObjectNode g)) {
            return null;
        }
        List<String> users = new ArrayList<>(USERS);
        Collections.shuffle(users, r);
        int k = 1 + r.nextInt(users.size());
        ObjectNode a = g.putObject("approval");
        a.set("approvers", texts(users.subList(0, k)));
        a.put("mode", "quorum:" + (k + 1 + r.nextInt(3)));
        return "quorum of more users than listed";
    }

    private static String unknownProperty(ObjectNode doc, Random r) {
        List<ObjectNode> targets = new ArrayList<>();
        targets.add(doc);
        targets.addAll(stages(doc));
        targets.addAll(tasks(doc));
        targets.addAll(fields(doc));
        for (ObjectNode s : stages(doc)) {
            if (s.get("gate") instanceof ObjectNode g) {
                targets.add(g);
                if (g.get("approval") instanceof ObjectNode a) {
                    targets.add(a);
                }
                targets.addAll(children(g, "criteria"));
            }
        }
        if (doc.get("roles") instanceof ObjectNode roles) {
            roles.elements().forEachRemaining(role -> {
                if (role instanceof ObjectNode o) {
                    targets.add(o);
                }
            });
        }
        ObjectNode target = pick(r, targets);
        String name = pick(r, List.of("colour", "Key", "stage", "assignees", "approver", "deadline", "when_", "", " ", "名称"));
        target.put(name, "surprise");
        return "unknown property '" + name + "'";
    }

    private static String wrongType(ObjectNode doc, Random r) {
        List<JsonNode> scalars = List.of(NODES.numberNode(5), NODES.textNode("x"), NODES.booleanNode(true));
        int what = r.nextInt(6);
        List<ObjectNode> stages = stages(doc);
        if (what == 0 || stages.isEmpty()) {
            String prop = pick(r, List.of("stages", "fields", "roles", "name", "key", "names", "modules"));
            JsonNode value;
            if (prop.equals("name") || prop.equals("key")) {
                value = r.nextBoolean() ? NODES.arrayNode().add("x") : NODES.objectNode().put("a", 1);
            } else if (prop.equals("roles") || prop.equals("names")) {
                value = r.nextBoolean() ? NODES.arrayNode().add("pm") : pick(r, scalars);
            } else if (prop.equals("modules")) {
                value = NODES.objectNode().put("budget", true);
            } else {
                value = r.nextBoolean() ? NODES.objectNode().put("a", 1) : pick(r, scalars);
            }
            doc.set(prop, value);
            return "wrong type for $." + prop;
        }
        ObjectNode s = pick(r, stages);
        if (what == 1) {
            String prop = pick(r, List.of("tasks", "fields", "gate", "key", "after", "duration", "when"));
            JsonNode value = switch (prop) {
                case "tasks", "fields" -> r.nextBoolean() ? pick(r, scalars) : NODES.objectNode().put("a", 1);
                case "gate" -> r.nextBoolean() ? NODES.arrayNode().add(1) : pick(r, scalars);
                case "after" -> NODES.objectNode().put("a", 1);
                default -> NODES.arrayNode().add("P1D");
            };
            s.set(prop, value);
            return "wrong type for stage " + prop;
        }
        List<ObjectNode> tasks = tasks(doc);
        if (what == 2 && !tasks.isEmpty()) {
            String prop = pick(r, List.of("requires", "assignee", "fields", "key"));
            JsonNode value = prop.equals("fields") ? NODES.numberNode(3) : NODES.objectNode().put("a", "b");
            pick(r, tasks).set(prop, value);
            return "wrong type for task " + prop;
        }
        List<ObjectNode> fields = fields(doc);
        if (what == 3 && !fields.isEmpty()) {
            String prop = pick(r, List.of("required", "min", "max", "minLength", "maxLength", "options", "type"));
            JsonNode value = switch (prop) {
                case "required" -> r.nextBoolean() ? NODES.textNode("yes") : NODES.numberNode(1);
                case "min", "max" -> NODES.textNode("ten");
                case "minLength", "maxLength" -> r.nextBoolean() ? NODES.numberNode(2.5) : NODES.textNode("3");
                case "options" -> r.nextBoolean() ? NODES.numberNode(3) : NODES.textNode("a,b");
                default -> NODES.arrayNode().add("text");
            };
            pick(r, fields).set(prop, value);
            return "wrong type for field " + prop;
        }
        if (!(s.get("gate") instanceof ObjectNode g)) {
            s.set("gate", NODES.textNode("approve it"));
            return "wrong type for gate";
        }
        int gateProp = r.nextInt(4);
        if (gateProp == 0) {
            g.set("criteria", r.nextBoolean() ? NODES.objectNode().put("field", "x") : NODES.numberNode(2));
        } else if (gateProp == 1) {
            g.set("approval", r.nextBoolean() ? NODES.textNode("pm") : NODES.arrayNode().add("pm"));
        } else if (gateProp == 2) {
            g.set("onReject", NODES.arrayNode().add("a"));
        } else {
            g.putArray("criteria").addObject().put("allTasksDone", "yes");
        }
        return "wrong type inside a gate";
    }

    private static String badKey(ObjectNode doc, Random r) {
        List<String> badIdentifiers = List.of("1abc", "a__b", "with space", "_x", "x_", "ä", "stage-one", "x".repeat(42));
        int what = r.nextInt(5);
        if (what == 0) {
            doc.put("key", pick(r, List.of("Bad_Key", "a", "1x", "x".repeat(64), "-x", "UPPER", "a.b")));
            return "bad template key";
        }
        if (what == 1 && doc.get("roles") instanceof ObjectNode roles) {
            roles.putObject(pick(r, badIdentifiers)).put("name", "Bad");
            return "bad role key";
        }
        List<ObjectNode> targets = what == 2 ? stages(doc) : what == 3 ? tasks(doc) : fields(doc);
        if (targets.isEmpty()) {
            return null;
        }
        List<String> bad = new ArrayList<>(badIdentifiers);
        if (what == 4) {
            bad.addAll(RESERVED);
        }
        pick(r, targets).put("key", pick(r, bad));
        return "bad key";
    }

    private static String deleteRequired(ObjectNode doc, Random r) {
        int what = r.nextInt(8);
        if (what == 0) {
            doc.remove(pick(r, List.of("key", "name", "stages")));
            return "required template property removed";
        }
        List<ObjectNode> tasks = tasks(doc);
        if (what == 1 && !tasks.isEmpty()) {
            pick(r, tasks).remove(pick(r, List.of("key", "assignee")));
            return "required task property removed";
        }
        List<ObjectNode> fields = fields(doc);
        if (what == 2 && !fields.isEmpty()) {
            pick(r, fields).remove(pick(r, List.of("key", "type")));
            return "required field property removed";
        }
        List<ObjectNode> selects = new ArrayList<>(fields);
        selects.removeIf(f -> !(f.path("type").asText().equals("select") || f.path("type").asText().equals("multiselect")));
        if (what == 3 && !selects.isEmpty()) {
            pick(r, selects).remove("options");
            return "options of a select removed";
        }
        List<ObjectNode> approvals = approvals(doc);
        if (what == 4 && !approvals.isEmpty()) {
            pick(r, approvals).remove("approvers");
            return "approvers removed";
        }
        List<ObjectNode> expressions = criteria(doc);
        expressions.removeIf(c -> !c.has("expression"));
        if (what == 5 && !expressions.isEmpty()) {
            pick(r, expressions).remove("message");
            return "expression message removed";
        }
        List<ObjectNode> stages = stages(doc);
        if (stages.isEmpty()) {
            return null;
        }
        pick(r, stages).remove("key");
        return "stage key removed";
    }

    private static String garbage(ObjectNode doc, Random r) {
        String g = pick(r, GARBAGE);
        int what = r.nextInt(8);
        List<ObjectNode> stages = stages(doc);
        List<ObjectNode> tasks = tasks(doc);
        List<ObjectNode> fields = fields(doc);
        if (what == 0 || stages.isEmpty()) {
            doc.put("key", g);
            return "garbage template key";
        }
        if (what == 1) {
            pick(r, stages).put(pick(r, List.of("key", "owner", "duration", "alertAfter")), g);
            return "garbage in a stage";
        }
        if (what == 2) {
            after(pick(r, stages)).add(g);
            return "garbage in after";
        }
        if (what == 3 && !tasks.isEmpty()) {
            ObjectNode t = pick(r, tasks);
            if (r.nextBoolean()) {
                list(t, "requires").add(g);
            } else {
                t.put(pick(r, List.of("key", "assignee", "duration")), g);
            }
            return "garbage in a task";
        }
        if (what == 4 && !fields.isEmpty()) {
            pick(r, fields).put(pick(r, List.of("key", "type", "currency")), g);
            return "garbage in a field";
        }
        List<ObjectNode> approvals = approvals(doc);
        if (what == 5 && !approvals.isEmpty()) {
            ObjectNode a = pick(r, approvals);
            if (r.nextBoolean()) {
                a.put("mode", g);
            } else {
                list(a, "approvers").add(g);
            }
            return "garbage in an approval";
        }
        if (what == 6 && pick(r, stages).get("gate") instanceof ObjectNode gate) {
            gate.put(r.nextBoolean() ? "onReject" : "resubmit", g);
            return "garbage in a gate";
        }
        List<ObjectNode> criteria = criteria(doc);
        if (!criteria.isEmpty()) {
            ObjectNode c = pick(r, criteria);
            c.removeAll();
            c.put("field", g);
            return "garbage criterion field";
        }
        if (doc.get("roles") instanceof ObjectNode roles && roles.size() > 0) {
            String old = roles.fieldNames().next();
            roles.set(g, roles.remove(old));
            return "garbage role key";
        }
        doc.put("key", g);
        return "garbage template key";
    }

    private static String deepJunk(ObjectNode doc, Random r) {
        // Deep enough to pass Jackson's nesting limits when written, and past SnakeYAML's when read back.
        JsonNode junk = junk(r, 5 + r.nextInt(300));
        int what = r.nextInt(5);
        List<ObjectNode> stages = stages(doc);
        if (what == 0 || stages.isEmpty()) {
            doc.set("junk", junk);
            return "deep junk as an unknown property";
        }
        if (what == 1 && doc.get("stages") instanceof ArrayNode all) {
            all.set(r.nextInt(all.size()), junk.isObject() ? NODES.arrayNode().add(junk) : junk);
            return "deep junk as a stage";
        }
        ObjectNode s = pick(r, stages);
        if (what == 2) {
            s.set(pick(r, List.of("gate", "tasks", "fields")), junk.isArray() ? junk : NODES.arrayNode().add(junk));
            return "deep junk in a stage";
        }
        if (what == 3) {
            after(s).add(junk);
            return "deep junk in after";
        }
        s.putObject("names").set("zh-CN", junk);
        return "deep junk as a translated name";
    }

    private static JsonNode junk(Random r, int depth) {
        JsonNode node = r.nextBoolean() ? NODES.textNode("deep") : NODES.numberNode(r.nextInt());
        for (int i = 0; i < depth; i++) {
            node = r.nextBoolean() ? NODES.arrayNode().add(node) : NODES.objectNode().set("k" + (i % 7), node);
        }
        return node;
    }

    private static String emptyPart(ObjectNode doc, Random r) {
        int what = r.nextInt(7);
        if (what == 0) {
            doc.removeAll();
            return "empty document";
        }
        if (what == 1) {
            doc.putArray("stages");
            return "no stages";
        }
        if (what == 2 && doc.get("stages") instanceof ArrayNode all && !all.isEmpty()) {
            all.set(r.nextInt(all.size()), NODES.objectNode());
            return "empty stage";
        }
        List<ObjectNode> stages = stages(doc);
        if (what == 3 && !stages.isEmpty()) {
            list(pick(r, stages), "tasks").addObject();
            return "empty task";
        }
        if (what == 4 && !stages.isEmpty()) {
            list(pick(r, stages), "fields").addObject();
            return "empty field";
        }
        List<ObjectNode> approvals = approvals(doc);
        if (what == 5 && !approvals.isEmpty()) {
            pick(r, approvals).removeAll();
            return "empty approval";
        }
        if (!stages.isEmpty() && pick(r, stages).get("gate") instanceof ObjectNode g) {
            list(g, "criteria").addObject();
            return "empty criterion";
        }
        return null;
    }

    // ---------------------------------------------------------------- navigation that tolerates earlier mutations

    private static List<ObjectNode> stages(ObjectNode doc) {
        return children(doc, "stages");
    }

    private static List<ObjectNode> tasks(ObjectNode doc) {
        List<ObjectNode> out = new ArrayList<>();
        stages(doc).forEach(s -> out.addAll(children(s, "tasks")));
        return out;
    }

    private static List<ObjectNode> fields(ObjectNode doc) {
        List<ObjectNode> out = new ArrayList<>(children(doc, "fields"));
        for (ObjectNode s : stages(doc)) {
            out.addAll(children(s, "fields"));
            children(s, "tasks").forEach(t -> out.addAll(children(t, "fields")));
        }
        return out;
    }

    private static List<ObjectNode> approvals(ObjectNode doc) {
        List<ObjectNode> out = new ArrayList<>();
        for (ObjectNode s : stages(doc)) {
            if (s.get("gate") instanceof ObjectNode g && g.get("approval") instanceof ObjectNode a) {
                out.add(a);
            }
        }
        return out;
    }

    private static List<ObjectNode> criteria(ObjectNode doc) {
        List<ObjectNode> out = new ArrayList<>();
        for (ObjectNode s : stages(doc)) {
            if (s.get("gate") instanceof ObjectNode g) {
                out.addAll(children(g, "criteria"));
            }
        }
        return out;
    }

    private static List<ArrayNode> approverLists(ObjectNode doc) {
        List<ArrayNode> out = new ArrayList<>();
        for (ObjectNode a : approvals(doc)) {
            JsonNode approvers = a.get("approvers");
            if (approvers instanceof ArrayNode list) {
                out.add(list);
            } else if (approvers != null && approvers.isTextual()) {
                out.add(a.putArray("approvers").add(approvers));
            }
        }
        return out;
    }

    private static List<ObjectNode> children(JsonNode parent, String prop) {
        List<ObjectNode> out = new ArrayList<>();
        JsonNode list = parent.get(prop);
        if (list instanceof ArrayNode array) {
            for (Iterator<JsonNode> it = array.elements(); it.hasNext(); ) {
                if (it.next() instanceof ObjectNode o) {
                    out.add(o);
                }
            }
        }
        return out;
    }

    /** The named list property as an array, turning a single scalar into a one-element list. */
    private static ArrayNode list(ObjectNode node, String prop) {
        JsonNode v = node.get(prop);
        if (v instanceof ArrayNode array) {
            return array;
        }
        ArrayNode array = node.putArray(prop);
        if (v != null && v.isValueNode() && !v.isNull()) {
            array.add(v);
        }
        return array;
    }

    /** The stage's after list; an absent after becomes empty, which is still a valid stage. */
    private static ArrayNode after(ObjectNode stage) {
        return list(stage, "after");
    }

    /** The stage's after list with the default (previous stage) written out, so adding to it keeps the old order. */
    private static ArrayNode explicitAfter(List<ObjectNode> stages, int index) {
        ObjectNode s = stages.get(index);
        if (s.get("after") == null || s.get("after").isNull()) {
            ArrayNode after = s.putArray("after");
            if (index > 0 && stages.get(index - 1).get("key") != null) {
                after.add(stages.get(index - 1).get("key").asText());
            }
            return after;
        }
        return list(s, "after");
    }

    private static ArrayNode texts(List<String> values) {
        ArrayNode array = NODES.arrayNode();
        values.forEach(array::add);
        return array;
    }

    private static <T> T pick(Random r, List<T> from) {
        return from.get(r.nextInt(from.size()));
    }
}
