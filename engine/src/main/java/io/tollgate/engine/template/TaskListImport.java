package io.tollgate.engine.template;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import io.tollgate.engine.support.Problems;
import org.apache.poi.openxml4j.util.ZipSecureFile;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.ss.util.CellReference;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

import java.io.ByteArrayInputStream;
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
 * Turns an .xlsx task list in the common layout (stage, task, assignee, duration, predecessor; one
 * header row, English or Chinese headers) into a draft template in YAML: stages in the order they
 * first appear, tasks, one role per assignee, durations in days and prerequisites within a stage.
 * Nothing is stored: the caller finishes the draft in the designer and saves it. Every row that
 * cannot be understood is reported with its row and column.
 */
@Component
public class TaskListImport {

    public static final int MAX_BYTES = 2 * 1024 * 1024;
    public static final int MAX_ROWS = 1000;
    private static final Pattern ROLE_KEY = Pattern.compile("[A-Za-z][A-Za-z0-9]*(_[A-Za-z0-9]+)*");
    private static final Pattern SEPARATORS = Pattern.compile("[,;，；、]");
    private static final Map<String, List<String>> HEADERS = Map.of(
            "stage", List.of("stage", "phase", "阶段"),
            "task", List.of("task", "task name", "任务", "任务名称"),
            "assignee", List.of("assignee", "role", "owner", "负责人", "角色", "执行人"),
            "duration", List.of("duration", "duration (days)", "days", "工期", "工期（天）", "工期(天)", "天数"),
            "predecessor", List.of("predecessor", "predecessors", "depends on", "前置任务", "前置"));
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

    public Draft read(byte[] file, String key, String name) {
        if (file == null || file.length == 0) {
            throw Problems.badRequest("import-empty", "Send an .xlsx file with the task list.");
        }
        if (file.length > MAX_BYTES) {
            throw Problems.of(HttpStatus.PAYLOAD_TOO_LARGE, "import-too-large", "File too large",
                    "An imported task list is at most " + MAX_BYTES / 1024 / 1024 + " MB.", Map.of());
        }
        ZipSecureFile.setMinInflateRatio(0.01);
        ZipSecureFile.setMaxEntrySize(50L * 1024 * 1024);
        try (Workbook book = new XSSFWorkbook(new ByteArrayInputStream(file))) {
            return draft(book.getSheetAt(0), key, name);
        } catch (IOException | RuntimeException e) {
            if (e instanceof org.springframework.web.ErrorResponseException ere) {
                throw ere;
            }
            throw Problems.badRequest("import-unreadable", "The file is not an .xlsx workbook that can be read.");
        }
    }

    private Draft draft(Sheet sheet, String key, String name) {
        DataFormatter format = new DataFormatter(Locale.ROOT);
        Row header = sheet.getRow(sheet.getFirstRowNum());
        if (header == null) {
            throw Problems.badRequest("import-no-header", "The first row must name the columns: stage, task, assignee, "
                    + "duration, predecessor.");
        }
        Map<String, Integer> columns = new LinkedHashMap<>();
        for (Cell cell : header) {
            String text = format.formatCellValue(cell).trim().toLowerCase(Locale.ROOT);
            HEADERS.forEach((column, names) -> {
                if (names.contains(text)) {
                    columns.putIfAbsent(column, cell.getColumnIndex());
                }
            });
        }
        if (!columns.containsKey("stage") || !columns.containsKey("task")) {
            throw Problems.badRequest("import-no-header", "The first row must name at least the columns stage and task "
                    + "(阶段, 任务); also assignee, duration and predecessor.");
        }
        if (sheet.getLastRowNum() - header.getRowNum() > MAX_ROWS) {
            throw Problems.badRequest("import-too-many-rows", "An imported task list has at most " + MAX_ROWS + " rows.");
        }
        List<RowError> errors = new ArrayList<>();
        List<Line> lines = new ArrayList<>();
        Set<String> reported = new java.util.HashSet<>();
        for (int r = header.getRowNum() + 1; r <= sheet.getLastRowNum(); r++) {
            Row row = sheet.getRow(r);
            Map<String, String> values = new LinkedHashMap<>();
            Map<String, String> letters = new LinkedHashMap<>();
            for (Map.Entry<String, Integer> c : columns.entrySet()) {
                Cell cell = row == null ? null : row.getCell(c.getValue());
                values.put(c.getKey(), cell == null ? "" : text(cell, format));
                letters.put(c.getKey(), CellReference.convertNumToColString(c.getValue()));
            }
            if (values.values().stream().allMatch(String::isEmpty)) {
                continue;
            }
            int rowNumber = r + 1;
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
            String assignee = values.getOrDefault("assignee", "");
            if (assignee.length() > 100) {
                errors.add(new RowError(rowNumber, letters.get("assignee"), "assignee", "too-long", "", "At most 100 characters."));
                bad = true;
            }
            String duration = values.getOrDefault("duration", "");
            if (!duration.isEmpty() && duration(duration) == null) {
                errors.add(new RowError(rowNumber, letters.get("duration"), "duration", "duration", duration, "'" + duration
                        + "' is not a number of days from 1 to 3650 or an ISO duration such as P5D."));
                bad = true;
            }
            List<String> predecessors = SEPARATORS.splitAsStream(values.getOrDefault("predecessor", ""))
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
        if (!errors.isEmpty()) {
            errors.sort(java.util.Comparator.comparingInt(RowError::row).thenComparing(RowError::column));
            throw Problems.of(HttpStatus.BAD_REQUEST, "import-rows-invalid", "Rows cannot be imported",
                    errors.size() + " cell(s) of the task list cannot be understood; nothing was imported.",
                    Map.of("rows", errors));
        }
        return yaml(stages, key, name);
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

    private static String text(Cell cell, DataFormatter format) {
        if (cell.getCellType() == CellType.NUMERIC) {
            double d = cell.getNumericCellValue();
            return d == Math.rint(d) ? Long.toString((long) d) : Double.toString(d);
        }
        return format.formatCellValue(cell).trim();
    }

    /** Days from 1 to 3650 as P{n}D, or an ISO-8601 duration such as P5D or PT4H; null when neither. */
    static String duration(String text) {
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
