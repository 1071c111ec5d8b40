package io.tollgate.modeler.parse;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.tollgate.modeler.model.Approval;
import io.tollgate.modeler.model.ApprovalMode;
import io.tollgate.modeler.model.Criterion;
import io.tollgate.modeler.model.FieldDef;
import io.tollgate.modeler.model.FieldType;
import io.tollgate.modeler.model.Gate;
import io.tollgate.modeler.model.InsightDef;
import io.tollgate.modeler.model.Outcome;
import io.tollgate.modeler.model.Timeout;
import io.tollgate.modeler.model.Role;
import io.tollgate.modeler.model.Stage;
import io.tollgate.modeler.model.TaskDef;
import io.tollgate.modeler.model.Template;
import io.tollgate.modeler.validation.Limits;
import io.tollgate.modeler.validation.Problem;
import io.tollgate.modeler.validation.ProblemCode;
import org.yaml.snakeyaml.LoaderOptions;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Turns YAML or JSON text into a {@link Template}. It never throws on bad input: every problem of
 * shape (wrong type, unknown property, unparsable text) becomes a {@link Problem} with its JSON path,
 * and the reader carries on so that one answer lists them all.
 */
public final class TemplateReader {

    // The text is measured before parsing; these bound what parsing may do with text of that size.
    private static final StreamReadConstraints CONSTRAINTS = StreamReadConstraints.builder()
            .maxNestingDepth(Limits.TEMPLATE_NESTING)
            .maxStringLength(Limits.TEMPLATE_CHARACTERS)
            .build();
    private static final ObjectMapper JSON = new ObjectMapper(JsonFactory.builder().streamReadConstraints(CONSTRAINTS).build());
    private static final ObjectMapper YAML = new ObjectMapper(YAMLFactory.builder()
            .streamReadConstraints(CONSTRAINTS).loaderOptions(yamlOptions()).build());

    private static final Set<String> TEMPLATE_PROPS = Set.of("key", "name", "names", "description", "industry",
            "modules", "roles", "fields", "stages", "insight");
    private static final Set<String> INSIGHT_PROPS = Set.of("budgetField", "actualField");
    private static final Set<String> ROLE_PROPS = Set.of("name", "names");
    private static final Set<String> FIELD_PROPS = Set.of("key", "type", "name", "names", "required", "min", "max",
            "minLength", "maxLength", "pattern", "options", "currency");
    private static final Set<String> OPTION_PROPS = Set.of("value", "name", "names");
    private static final Set<String> STAGE_PROPS = Set.of("key", "name", "names", "owner", "after", "when",
            "duration", "alertAfter", "fields", "tasks", "gate");
    private static final Set<String> TASK_PROPS = Set.of("key", "name", "names", "assignee", "requires", "fields",
            "duration");
    private static final Set<String> GATE_PROPS = Set.of("criteria", "approval", "onReject", "resubmit",
            "outcomes", "blockOnLapsedConditions");
    private static final Set<String> APPROVAL_PROPS = Set.of("approvers", "mode", "timeout");
    private static final Set<String> TIMEOUT_PROPS = Set.of("after", "action", "repeat");
    private static final Set<String> CRITERION_PROPS = Set.of("field", "expression", "message", "allTasksDone",
            "noOpenHighRisk", "releaseReady");

    /** The template (null when the text is not even a document) and every problem met on the way. */
    public record Result(Template template, JsonNode tree, List<Problem> problems) {
        public boolean hasErrors() {
            return problems.stream().anyMatch(Problem::isError);
        }
    }

    public Result read(String text) {
        return read(text, TemplateFormat.sniff(text));
    }

    /**
     * Reads a template; text longer than {@link Limits#TEMPLATE_CHARACTERS} is refused unread,
     * since parsing costs seconds per megabyte.
     */
    public Result read(String text, TemplateFormat format) {
        List<Problem> problems = new ArrayList<>();
        if (text != null && text.length() > Limits.TEMPLATE_CHARACTERS) {
            problems.add(Problem.error(ProblemCode.TEMPLATE_TOO_LARGE, "$", "The template is longer than "
                    + String.format(Locale.ROOT, "%,d", Limits.TEMPLATE_CHARACTERS)
                    + " characters; shorten its texts or split it."));
            return new Result(null, null, problems);
        }
        if (text == null || text.isBlank()) {
            problems.add(Problem.error(ProblemCode.DOCUMENT_EMPTY, "$", "The template is empty."));
            return new Result(null, null, problems);
        }
        JsonNode tree;
        try {
            tree = (format == TemplateFormat.JSON ? JSON : YAML).readTree(text);
        } catch (StreamConstraintsException e) {
            problems.add(Problem.error(ProblemCode.TEMPLATE_TOO_LARGE, "$", "The template is nested deeper than "
                    + Limits.TEMPLATE_NESTING + " levels or holds a text longer than the whole may be."));
            return new Result(null, null, problems);
        } catch (JacksonException e) {
            String where = e.getLocation() == null ? ""
                    : " at line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr();
            problems.add(Problem.error(ProblemCode.DOCUMENT_SYNTAX, "$",
                    "The " + format.name() + " does not parse" + where + ": " + e.getOriginalMessage()));
            return new Result(null, null, problems);
        }
        return readTree(tree, problems);
    }

    public Result readTree(JsonNode tree) {
        return readTree(tree, new ArrayList<>());
    }

    private Result readTree(JsonNode tree, List<Problem> problems) {
        if (tree == null || !tree.isObject()) {
            problems.add(Problem.error(ProblemCode.DOCUMENT_NOT_OBJECT, "$", "A template is a mapping of keys to values."));
            return new Result(null, tree, problems);
        }
        Ctx c = new Ctx(problems);
        c.unknown(tree, "$", TEMPLATE_PROPS);
        Template template = new Template(
                c.text(tree, "$", "key"),
                c.text(tree, "$", "name"),
                c.names(tree, "$"),
                c.text(tree, "$", "description"),
                c.text(tree, "$", "industry"),
                c.textList(tree, "$", "modules"),
                roles(c, tree.get("roles"), "$.roles"),
                fields(c, tree.get("fields"), "$.fields"),
                stages(c, tree.get("stages"), "$.stages"),
                insight(c, tree.get("insight"), "$.insight"));
        return new Result(template, tree, problems);
    }

    private InsightDef insight(Ctx c, JsonNode node, String path) {
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isObject()) {
            c.wrongType(path, "a mapping with budgetField and actualField");
            return null;
        }
        c.unknown(node, path, INSIGHT_PROPS);
        return new InsightDef(c.text(node, path, "budgetField"), c.text(node, path, "actualField"));
    }

    private Map<String, Role> roles(Ctx c, JsonNode node, String path) {
        Map<String, Role> roles = new LinkedHashMap<>();
        if (node == null || node.isNull()) {
            return roles;
        }
        if (!node.isObject()) {
            c.wrongType(path, "a mapping of role keys to roles");
            return roles;
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            String rolePath = path + "." + e.getKey();
            JsonNode r = e.getValue();
            if (r == null || r.isNull()) {
                roles.put(e.getKey(), new Role(null, null));
            } else if (r.isTextual()) {
                roles.put(e.getKey(), new Role(r.asText(), null));
            } else if (r.isObject()) {
                c.unknown(r, rolePath, ROLE_PROPS);
                roles.put(e.getKey(), new Role(c.text(r, rolePath, "name"), c.names(r, rolePath)));
            } else {
                c.wrongType(rolePath, "a role with a name");
            }
        }
        return roles;
    }

    private List<FieldDef> fields(Ctx c, JsonNode node, String path) {
        List<FieldDef> fields = new ArrayList<>();
        for (int i : c.indexes(node, path, "a list of fields")) {
            JsonNode f = node.get(i);
            String p = path + "[" + i + "]";
            if (!f.isObject()) {
                c.wrongType(p, "a field with a key and a type");
                continue;
            }
            c.unknown(f, p, FIELD_PROPS);
            String typeText = c.text(f, p, "type");
            FieldType type = null;
            if (typeText != null) {
                type = FieldType.of(typeText).orElse(null);
                if (type == null) {
                    c.problems.add(Problem.error(ProblemCode.FIELD_UNKNOWN_TYPE, p + ".type", "Field type '" + typeText
                            + "' does not exist; use one of " + java.util.Arrays.stream(FieldType.values())
                            .map(FieldType::spelling).toList() + "."));
                }
            }
            fields.add(new FieldDef(c.text(f, p, "key"), type, c.text(f, p, "name"), c.names(f, p),
                    c.bool(f, p, "required"), c.decimal(f, p, "min"), c.decimal(f, p, "max"),
                    c.integer(f, p, "minLength"), c.integer(f, p, "maxLength"), c.text(f, p, "pattern"),
                    options(c, f.get("options"), p + ".options"), c.text(f, p, "currency")));
        }
        return fields;
    }

    private List<FieldDef.Option> options(Ctx c, JsonNode node, String path) {
        List<FieldDef.Option> options = new ArrayList<>();
        for (int i : c.indexes(node, path, "a list of options")) {
            JsonNode o = node.get(i);
            String p = path + "[" + i + "]";
            if (o.isValueNode()) {
                options.add(new FieldDef.Option(o.asText(), null, null));
            } else if (o.isObject()) {
                c.unknown(o, p, OPTION_PROPS);
                options.add(new FieldDef.Option(c.text(o, p, "value"), c.text(o, p, "name"), c.names(o, p)));
            } else {
                c.wrongType(p, "an option value or {value, name}");
            }
        }
        return options;
    }

    private List<Stage> stages(Ctx c, JsonNode node, String path) {
        List<Stage> stages = new ArrayList<>();
        for (int i : c.indexes(node, path, "a list of stages")) {
            JsonNode s = node.get(i);
            String p = path + "[" + i + "]";
            if (!s.isObject()) {
                c.wrongType(p, "a stage with a key");
                continue;
            }
            c.unknown(s, p, STAGE_PROPS);
            List<String> after = s.has("after") ? c.textList(s, p, "after") : null;
            stages.add(new Stage(c.text(s, p, "key"), c.text(s, p, "name"), c.names(s, p), c.text(s, p, "owner"),
                    after, c.text(s, p, "when"), c.text(s, p, "duration"), c.text(s, p, "alertAfter"),
                    fields(c, s.get("fields"), p + ".fields"), tasks(c, s.get("tasks"), p + ".tasks"),
                    gate(c, s.get("gate"), p + ".gate")));
        }
        return stages;
    }

    private List<TaskDef> tasks(Ctx c, JsonNode node, String path) {
        List<TaskDef> tasks = new ArrayList<>();
        for (int i : c.indexes(node, path, "a list of tasks")) {
            JsonNode t = node.get(i);
            String p = path + "[" + i + "]";
            if (!t.isObject()) {
                c.wrongType(p, "a task with a key");
                continue;
            }
            c.unknown(t, p, TASK_PROPS);
            tasks.add(new TaskDef(c.text(t, p, "key"), c.text(t, p, "name"), c.names(t, p), c.text(t, p, "assignee"),
                    c.textList(t, p, "requires"), fields(c, t.get("fields"), p + ".fields"),
                    c.text(t, p, "duration")));
        }
        return tasks;
    }

    private static Criterion.ModuleKind moduleKind(JsonNode criterion) {
        for (Criterion.ModuleKind kind : Criterion.ModuleKind.values()) {
            if (criterion.has(kind.key())) {
                return kind;
            }
        }
        return null;
    }

    private Gate gate(Ctx c, JsonNode node, String path) {
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isObject()) {
            c.wrongType(path, "a gate with criteria and an approval");
            return null;
        }
        c.unknown(node, path, GATE_PROPS);
        List<Criterion> criteria = new ArrayList<>();
        JsonNode cs = node.get("criteria");
        for (int i : c.indexes(cs, path + ".criteria", "a list of criteria")) {
            JsonNode cr = cs.get(i);
            String p = path + ".criteria[" + i + "]";
            if (!cr.isObject()) {
                c.wrongType(p, "a criterion: {field}, {expression, message}, {allTasksDone: true}, {noOpenHighRisk: true} or {releaseReady: true}");
                continue;
            }
            c.unknown(cr, p, CRITERION_PROPS);
            if (cr.has("field")) {
                criteria.add(new Criterion.FieldFilled(c.text(cr, p, "field")));
            } else if (cr.has("expression")) {
                criteria.add(new Criterion.Expression(c.text(cr, p, "expression"), c.text(cr, p, "message")));
            } else if (cr.has("allTasksDone")) {
                if (c.bool(cr, p, "allTasksDone")) {
                    criteria.add(new Criterion.AllTasksDone());
                }
            } else if (moduleKind(cr) != null) {
                Criterion.ModuleKind kind = moduleKind(cr);
                if (c.bool(cr, p, kind.key())) {
                    criteria.add(new Criterion.ModuleCheck(kind));
                }
            } else {
                c.problems.add(Problem.error(ProblemCode.CRITERION_EMPTY, p,
                        "A criterion needs 'field', 'expression', 'allTasksDone', 'noOpenHighRisk' or 'releaseReady'."));
            }
        }
        Approval approval = null;
        JsonNode a = node.get("approval");
        String ap = path + ".approval";
        if (a != null && !a.isNull()) {
            if (!a.isObject()) {
                c.wrongType(ap, "an approval with approvers and a mode");
            } else {
                c.unknown(a, ap, APPROVAL_PROPS);
                String modeText = c.text(a, ap, "mode");
                ApprovalMode mode = modeText == null ? new ApprovalMode.All() : ApprovalMode.parse(modeText).orElse(null);
                if (mode == null) {
                    c.problems.add(Problem.error(ProblemCode.APPROVAL_UNKNOWN_MODE, ap + ".mode", "Approval mode '" + modeText
                            + "' does not exist; use any, all, quorum:N (N at least 1) or sequential."));
                }
                approval = new Approval(c.textList(a, ap, "approvers"), mode, timeout(c, a.get("timeout"), ap + ".timeout"));
            }
        }
        Gate.Resubmit resubmit = null;
        String resubmitText = c.text(node, path, "resubmit");
        if (resubmitText != null) {
            resubmit = switch (resubmitText) {
                case "direct" -> Gate.Resubmit.DIRECT;
                case "replay" -> Gate.Resubmit.REPLAY;
                default -> {
                    c.problems.add(Problem.error(ProblemCode.GATE_UNKNOWN_RESUBMIT, path + ".resubmit",
                            "resubmit is 'direct' or 'replay', not '" + resubmitText + "'."));
                    yield null;
                }
            };
        }
        List<Outcome> outcomes = outcomes(c, node, path, approval != null);
        return new Gate(criteria, approval, c.text(node, path, "onReject"), resubmit, outcomes,
                c.bool(node, path, "blockOnLapsedConditions"));
    }

    /** The outcomes a gate offers, as written; null when left out. A gate that cannot go is refused. */
    private static List<Outcome> outcomes(Ctx c, JsonNode node, String path, boolean hasApproval) {
        if (node.get("outcomes") == null || node.get("outcomes").isNull()) {
            return null;
        }
        String p = path + ".outcomes";
        List<Outcome> out = new ArrayList<>();
        List<String> texts = c.textList(node, path, "outcomes");
        for (int i = 0; i < texts.size(); i++) {
            String text = texts.get(i);
            Optional<Outcome> o = Outcome.parse(text);
            if (o.isEmpty()) {
                c.problems.add(Problem.error(ProblemCode.GATE_UNKNOWN_OUTCOME, p + "[" + i + "]", "'" + text
                        + "' is not an outcome; use go, conditional, hold, kill or recycle."));
            } else if (out.contains(o.get())) {
                c.problems.add(Problem.error(ProblemCode.GATE_DUPLICATE_OUTCOME, p + "[" + i + "]", "'" + text
                        + "' is listed twice."));
            } else {
                out.add(o.get());
            }
        }
        if (!out.contains(Outcome.GO) && texts.size() == out.size()) {
            c.problems.add(Problem.error(ProblemCode.GATE_OUTCOMES_WITHOUT_GO, p,
                    "A gate must offer go, or no project could ever pass it."));
        }
        if (!hasApproval && out.stream().anyMatch(o -> o != Outcome.GO)) {
            c.problems.add(Problem.error(ProblemCode.GATE_OUTCOMES_WITHOUT_APPROVAL, p,
                    "Only approvers choose an outcome; a gate without an approval passes when its work is done, "
                            + "so it offers go alone."));
        }
        return out;
    }

    private static Timeout timeout(Ctx c, JsonNode node, String path) {
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isObject()) {
            c.wrongType(path, "a timeout {after, action, repeat}");
            return null;
        }
        c.unknown(node, path, TIMEOUT_PROPS);
        String after = c.text(node, path, "after");
        if (after == null) {
            c.problems.add(Problem.error(ProblemCode.APPROVAL_TIMEOUT_AFTER_MISSING, path + ".after",
                    "A timeout needs 'after', a duration such as PT48H."));
        }
        String actionText = c.text(node, path, "action");
        Timeout.Action action = actionText == null ? Timeout.Action.REMIND : Timeout.Action.parse(actionText).orElse(null);
        if (action == null) {
            c.problems.add(Problem.error(ProblemCode.APPROVAL_TIMEOUT_UNKNOWN_ACTION, path + ".action", "'" + actionText
                    + "' is not a timeout action; use remind, approve or reject."));
        }
        Integer repeat = c.integer(node, path, "repeat");
        if (repeat != null && (repeat < 1 || repeat > Timeout.MAX_REPEAT)) {
            c.problems.add(Problem.error(ProblemCode.APPROVAL_TIMEOUT_REPEAT_INVALID, path + ".repeat",
                    "repeat is between 1 and " + Timeout.MAX_REPEAT + "."));
            repeat = null;
        } else if (repeat != null && action != null && action != Timeout.Action.REMIND && repeat != 1) {
            c.problems.add(Problem.error(ProblemCode.APPROVAL_TIMEOUT_REPEAT_INVALID, path + ".repeat",
                    "Only reminders repeat; an approval is approved or rejected once."));
            repeat = null;
        }
        return new Timeout(after, action, repeat);
    }

    /** Shape checks that record a problem and hand back null instead of failing. */
    private static final class Ctx {
        final List<Problem> problems;

        Ctx(List<Problem> problems) {
            this.problems = problems;
        }

        void wrongType(String path, String expected) {
            problems.add(Problem.error(ProblemCode.WRONG_TYPE, path, "Expected " + expected + " here."));
        }

        void unknown(JsonNode node, String path, Set<String> known) {
            node.fieldNames().forEachRemaining(name -> {
                if (!known.contains(name)) {
                    problems.add(Problem.error(ProblemCode.UNKNOWN_PROPERTY, path + "." + name,
                            "'" + name + "' is not a property here; known are " + known.stream().sorted().toList() + "."));
                }
            });
        }

        String text(JsonNode node, String path, String prop) {
            JsonNode v = node.get(prop);
            if (v == null || v.isNull()) {
                return null;
            }
            if (!v.isValueNode()) {
                wrongType(path + "." + prop, "a text value");
                return null;
            }
            return v.asText();
        }

        boolean bool(JsonNode node, String path, String prop) {
            JsonNode v = node.get(prop);
            if (v == null || v.isNull()) {
                return false;
            }
            if (!v.isBoolean()) {
                wrongType(path + "." + prop, "true or false");
                return false;
            }
            return v.booleanValue();
        }

        BigDecimal decimal(JsonNode node, String path, String prop) {
            JsonNode v = node.get(prop);
            if (v == null || v.isNull()) {
                return null;
            }
            if (!v.isNumber()) {
                wrongType(path + "." + prop, "a number");
                return null;
            }
            try {
                return v.decimalValue();
            } catch (NumberFormatException e) {
                // A floating-point number beyond double's range reads as infinity, which no decimal is.
                wrongType(path + "." + prop, "a finite number");
                return null;
            }
        }

        Integer integer(JsonNode node, String path, String prop) {
            JsonNode v = node.get(prop);
            if (v == null || v.isNull()) {
                return null;
            }
            if (!v.canConvertToInt() || !v.isIntegralNumber()) {
                wrongType(path + "." + prop, "a whole number");
                return null;
            }
            return v.intValue();
        }

        List<String> textList(JsonNode node, String path, String prop) {
            JsonNode v = node.get(prop);
            List<String> out = new ArrayList<>();
            if (v == null || v.isNull()) {
                return out;
            }
            if (v.isValueNode()) {
                out.add(v.asText());
                return out;
            }
            if (!v.isArray()) {
                wrongType(path + "." + prop, "a list of names");
                return out;
            }
            for (int i = 0; i < v.size(); i++) {
                if (v.get(i).isValueNode() && !v.get(i).isNull()) {
                    out.add(v.get(i).asText());
                } else {
                    wrongType(path + "." + prop + "[" + i + "]", "a name");
                }
            }
            return out;
        }

        Map<String, String> names(JsonNode node, String path) {
            JsonNode v = node.get("names");
            Map<String, String> out = new LinkedHashMap<>();
            if (v == null || v.isNull()) {
                return out;
            }
            if (!v.isObject()) {
                wrongType(path + ".names", "a mapping of language tags to names, e.g. {zh-CN: 名称}");
                return out;
            }
            v.fields().forEachRemaining(e -> {
                if (e.getValue().isValueNode()) {
                    out.put(e.getKey(), e.getValue().asText());
                } else {
                    wrongType(path + ".names." + e.getKey(), "a translated name");
                }
            });
            return out;
        }

        List<Integer> indexes(JsonNode node, String path, String expected) {
            List<Integer> out = new ArrayList<>();
            if (node == null || node.isNull()) {
                return out;
            }
            if (!node.isArray()) {
                wrongType(path, expected);
                return out;
            }
            for (int i = 0; i < node.size(); i++) {
                out.add(i);
            }
            return out;
        }
    }

    /**
     * SnakeYAML's own limits, matching ours. Jackson reads YAML event by event and does not expand
     * aliases, so the alias limit is only a second line should that ever change.
     */
    private static LoaderOptions yamlOptions() {
        LoaderOptions options = new LoaderOptions();
        options.setCodePointLimit(Limits.TEMPLATE_CHARACTERS);
        options.setNestingDepthLimit(Limits.TEMPLATE_NESTING);
        options.setMaxAliasesForCollections(10);
        return options;
    }

    /** The tree as JSON text, for storing and for answering in JSON. */
    public static String toJson(JsonNode tree) {
        try {
            return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(tree);
        } catch (JacksonException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The tree as YAML text. */
    public static String toYaml(JsonNode tree) {
        try {
            return YAML.writeValueAsString(tree);
        } catch (JacksonException e) {
            throw new IllegalStateException(e);
        }
    }

}
