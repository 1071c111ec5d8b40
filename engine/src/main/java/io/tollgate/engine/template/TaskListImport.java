package io.tollgate.engine.template;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import io.tollgate.engine.support.Problems;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.time.Duration;
import java.time.Period;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Turns a task list in the common layout (stage, task, assignee, duration, predecessor; one header
 * row, English or Chinese headers; .xlsx or CSV, read by {@link TaskListReader}) into a draft template in YAML: stages in the order they
 * first appear, tasks, one role per assignee, durations in days and prerequisites within a stage.
 * Nothing is stored here: {@link TaskListImports} keeps a preview until its user confirms it. Every
 * row that cannot be understood is reported with its row and column.
 */
@Component
public class TaskListImport {

    public static final int MAX_BYTES = TaskListReader.MAX_BYTES;
    public static final int MAX_ROWS = TaskListReader.MAX_ROWS;
    private static final Pattern ROLE_KEY = Pattern.compile("[A-Za-z][A-Za-z0-9]*(_[A-Za-z0-9]+)*");
    private static final Pattern SEPARATORS = Pattern.compile("[,;，；、]");
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES));

    /**
     * A cell that cannot be understood: 1-based row, column letter, the header it sits under, what is
     * wrong in words and as a code ({@code empty}, {@code too-long}, {@code duration}, {@code duplicate},
     * {@code predecessor-unknown}, {@code predecessor-later}, {@code predecessor-self}), and the value read.
     */
    public record RowError(int row, String column, String header, String code, String value, String message) {
    }

    /** The draft: its YAML and what was read. */
    public record Draft(String yaml, int stages, int tasks, int roles) {
    }

    private record Line(int row, String stage, String task, String assignee, String duration, List<String> predecessors,
                        Map<String, String> columns) {
    }

    /** One stage of a preview: its name, the key it gets and its tasks. */
    public record PlannedStage(String key, String name, List<PlannedTask> tasks) {
    }

    /** One task of a preview: the row it comes from, its name, role, duration and the tasks it waits for. */
    public record PlannedTask(int row, String key, String name, String assignee, String role, String duration,
                              List<String> requires) {
    }

    /** What an import would create, or the problems that stop it; {@code draft} is null while there are problems. */
    public record Plan(List<PlannedStage> stages, Map<String, String> roles, int prerequisites, List<RowError> problems,
                       Draft draft) {
    }

    private final TaskListReader reader;

    public TaskListImport(TaskListReader reader) {
        this.reader = reader;
    }

    /** Reads the file and answers the draft; refuses with every row that cannot be understood. */
    public Draft read(byte[] file, TaskListReader.Format format, String key, String name) {
        Plan plan = plan(reader.read(file, format), key, name);
        if (!plan.problems().isEmpty()) {
            throw rowsInvalid(plan.problems());
        }
        return plan.draft();
    }

    /** The answer that refuses an import whose rows have problems, listing each by row and column. */
    public static org.springframework.web.ErrorResponseException rowsInvalid(List<RowError> problems) {
        return Problems.of(HttpStatus.BAD_REQUEST, "import-rows-invalid", "Rows cannot be imported",
                problems.size() + " cell(s) of the task list cannot be understood; nothing was imported.",
                Map.of("rows", problems));
    }

    /** What the rows would become as a draft template, and every problem with its row and column. */
    public Plan plan(TaskListReader.TaskList list, String key, String name) {
        List<RowError> errors = new ArrayList<>(list.errors());
        List<Line> lines = new ArrayList<>();
        Set<String> reported = new java.util.HashSet<>();
        for (TaskListReader.Line row : list.lines()) {
            Map<String, String> values = row.values();
            Map<String, String> letters = list.letters();
            int rowNumber = row.row();
            boolean bad = false;
            for (String required : List.of("stage", "task")) {
                if (values.get(required).isEmpty()) {
                    errors.add(new RowError(rowNumber, letters.get(required), required, "empty", "", "The " + required + " is empty."));
                    bad = true;
                } else if (values.get(required).length() > 300) {
                    errors.add(new RowError(rowNumber, letters.get(required), required, "too-long", "", "At most 300 characters."));
                    bad = true;
                }
            }
            String assignee = row.get("assignee");
            if (assignee.length() > 100) {
                errors.add(new RowError(rowNumber, letters.get("assignee"), "assignee", "too-long", "", "At most 100 characters."));
                bad = true;
            }
            String duration = row.get("duration");
            if (!duration.isEmpty() && duration(duration) == null) {
                errors.add(new RowError(rowNumber, letters.get("duration"), "duration", "duration", duration, "'" + duration
                        + "' is not a number of days from 1 to 3650 or an ISO duration such as P5D."));
                bad = true;
            }
            List<String> predecessors = SEPARATORS.splitAsStream(row.get("predecessor"))
                    .map(String::trim).filter(s -> !s.isEmpty()).toList();
            if (bad) {
                // a row already reported still names its task: rows waiting for it are not reported again
                reported.add(values.get("task"));
            } else {
                lines.add(new Line(rowNumber, values.get("stage"), values.get("task"), assignee, duration, predecessors, letters));
            }
        }
        Map<String, Map<String, Line>> stages = new LinkedHashMap<>();
        for (Line line : lines) {
            Map<String, Line> tasks = stages.computeIfAbsent(line.stage(), s -> new LinkedHashMap<>());
            if (tasks.putIfAbsent(line.task(), line) != null) {
                errors.add(new RowError(line.row(), line.columns().get("task"), "task", "duplicate", line.task(), "The task '" + line.task()
                        + "' is listed twice in the stage '" + line.stage() + "'."));
            }
        }
        List<String> stageOrder = new ArrayList<>(stages.keySet());
        for (Line line : lines) {
            for (String p : line.predecessors()) {
                int mine = stageOrder.indexOf(line.stage());
                int theirs = -1;
                for (int i = 0; i < stageOrder.size(); i++) {
                    if (stages.get(stageOrder.get(i)).containsKey(p)) {
                        theirs = i;
                    }
                }
                if (theirs < 0 && reported.contains(p)) {
                    continue;
                } else if (theirs < 0) {
                    errors.add(new RowError(line.row(), line.columns().get("predecessor"), "predecessor", "predecessor-unknown", p,
                            "There is no task '" + p + "' in the list."));
                } else if (theirs > mine) {
                    errors.add(new RowError(line.row(), line.columns().get("predecessor"), "predecessor", "predecessor-later", p,
                            "'" + p + "' is in a later stage; a task can only wait for tasks of its own or earlier stages."));
                } else if (p.equals(line.task())) {
                    errors.add(new RowError(line.row(), line.columns().get("predecessor"), "predecessor", "predecessor-self", p,
                            "A task cannot wait for itself."));
                }
            }
        }
        if (lines.isEmpty() && errors.isEmpty()) {
            throw Problems.badRequest("import-empty", "The task list has no rows below the header.");
        }
        errors.sort(java.util.Comparator.comparingInt(RowError::row).thenComparing(e -> e.column() == null ? "" : e.column()));
        Draft draft = yaml(stages, key, name);
        if (!errors.isEmpty()) {
            return new Plan(planned(stages, draft), draftRoles(draft), prerequisites(stages), List.copyOf(errors), null);
        }
        return new Plan(planned(stages, draft), draftRoles(draft), prerequisites(stages), List.of(), draft);
    }

    private static int prerequisites(Map<String, Map<String, Line>> stages) {
        int n = 0;
        for (Map<String, Line> tasks : stages.values()) {
            for (Line line : tasks.values()) {
                n += (int) line.predecessors().stream().distinct().filter(tasks::containsKey).count();
            }
        }
        return n;
    }

    @SuppressWarnings("unchecked")
    private static List<PlannedStage> planned(Map<String, Map<String, Line>> stages, Draft draft) {
        try {
            Map<String, Object> template = YAML.readValue(draft.yaml(), Map.class);
            List<Map<String, Object>> stageList = (List<Map<String, Object>>) template.get("stages");
            Map<String, Object> roles = (Map<String, Object>) template.get("roles");
            List<PlannedStage> out = new ArrayList<>();
            int s = 0;
            for (Map.Entry<String, Map<String, Line>> stage : stages.entrySet()) {
                Map<String, Object> compiled = stageList.get(s++);
                List<Map<String, Object>> tasks = (List<Map<String, Object>>) compiled.get("tasks");
                Map<String, String> names = new LinkedHashMap<>();
                tasks.forEach(t -> names.put((String) t.get("key"), (String) t.get("name")));
                List<PlannedTask> planned = new ArrayList<>();
                int t = 0;
                for (Line line : stage.getValue().values()) {
                    Map<String, Object> task = tasks.get(t++);
                    String role = (String) task.get("assignee");
                    Object roleDef = roles.get(role);
                    String roleName = roleDef instanceof Map<?, ?> m ? String.valueOf(m.get("name")) : role;
                    List<String> requires = ((List<String>) task.getOrDefault("requires", List.of())).stream()
                            .map(names::get).toList();
                    planned.add(new PlannedTask(line.row(), (String) task.get("key"), line.task(), roleName, role,
                            (String) task.get("duration"), requires));
                }
                out.add(new PlannedStage((String) compiled.get("key"), stage.getKey(), planned));
            }
            return out;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, String> draftRoles(Draft draft) {
        try {
            Map<String, Object> roles = (Map<String, Object>) YAML.readValue(draft.yaml(), Map.class).get("roles");
            Map<String, String> out = new LinkedHashMap<>();
            roles.forEach((k, v) -> out.put(k, v instanceof Map<?, ?> m ? String.valueOf(m.get("name")) : k));
            return out;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private Draft yaml(Map<String, Map<String, Line>> stages, String key, String name) {
        Map<String, String> roleKeys = new LinkedHashMap<>();
        Map<String, Object> roles = new LinkedHashMap<>();
        Map<String, String> taskKeys = new LinkedHashMap<>();
        List<Object> stageList = new ArrayList<>();
        int stageNo = 0;
        int taskNo = 0;
        for (Map.Entry<String, Map<String, Line>> stage : stages.entrySet()) {
            for (String task : stage.getValue().keySet()) {
                taskKeys.put(stage.getKey() + "\u0000" + task, "task" + (taskKeys.size() + 1));
            }
        }
        for (Map.Entry<String, Map<String, Line>> stage : stages.entrySet()) {
            stageNo++;
            List<Object> tasks = new ArrayList<>();
            for (Line line : stage.getValue().values()) {
                taskNo++;
                String taskKey = taskKeys.get(stage.getKey() + "\u0000" + line.task());
                String assignee = line.assignee().isEmpty() ? "pm" : line.assignee();
                String role = roleKeys.computeIfAbsent(assignee, a -> {
                    String k = ROLE_KEY.matcher(a).matches() && a.length() <= 40 ? a : "role" + (roleKeys.size() + 1);
                    roles.put(k, named(a));
                    return k;
                });
                Map<String, Object> task = named(line.task());
                task.put("key", taskKey);
                task.put("assignee", role);
                if (!line.duration().isEmpty()) {
                    task.put("duration", duration(line.duration()));
                }
                Set<String> requires = new LinkedHashSet<>();
                for (String p : line.predecessors()) {
                    // a predecessor in an earlier stage is already done when this stage starts
                    String k = taskKeys.get(stage.getKey() + "\u0000" + p);
                    if (k != null) {
                        requires.add(k);
                    }
                }
                if (!requires.isEmpty()) {
                    task.put("requires", List.copyOf(requires));
                }
                tasks.add(task);
            }
            Map<String, Object> s = named(stage.getKey());
            s.put("key", "stage" + stageNo);
            s.put("tasks", tasks);
            s.put("gate", Map.of("criteria", List.of(Map.of("allTasksDone", true))));
            stageList.add(s);
        }
        Map<String, Object> template = new LinkedHashMap<>();
        template.put("key", key);
        template.putAll(named(name));
        if (!roles.containsKey("pm")) {
            roles.put("pm", Map.of("name", "Project manager", "names", Map.of("zh-CN", "项目经理")));
        }
        template.put("roles", roles);
        template.put("stages", stageList);
        try {
            return new Draft(YAML.writeValueAsString(template), stageList.size(), taskNo, roles.size());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** {@code name} and, when the text is Chinese, the same as {@code names.zh-CN}. */
    private static Map<String, Object> named(String text) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("name", text);
        if (text.codePoints().anyMatch(c -> Character.UnicodeScript.of(c) == Character.UnicodeScript.HAN)) {
            out.put("names", Map.of("zh-CN", text));
        }
        return out;
    }

    /** Days from 1 to 3650 as P{n}D, or an ISO-8601 duration such as P5D or PT4H; null when neither. */
    public static String duration(String text) {
        String t = text.trim();
        if (t.matches("\\d{1,4}")) {
            int days = Integer.parseInt(t);
            return days >= 1 && days <= 3650 ? "P" + days + "D" : null;
        }
        String upper = t.toUpperCase(Locale.ROOT);
        try {
            if (upper.contains("T")) {
                return Duration.parse(upper).isNegative() || Duration.parse(upper).isZero() ? null : upper;
            }
            Period p = Period.parse(upper);
            return p.isNegative() || p.isZero() ? null : upper;
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
