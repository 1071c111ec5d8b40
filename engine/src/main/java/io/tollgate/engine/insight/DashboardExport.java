package io.tollgate.engine.insight;

import io.tollgate.engine.support.Csv;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The dashboard's tables as rows, written as CSV (one table) or as an Excel workbook (a sheet per table). */
public final class DashboardExport {

    /** The tables there are, by name. */
    public static final List<String> TABLES = List.of("projects", "stages", "gates", "overdue", "people", "stage-work",
            "throughput");

    private DashboardExport() {
    }

    /** Each table: a header row, then its rows. */
    static Map<String, List<List<Object>>> tables(Dashboard d) {
        Map<String, List<List<Object>>> out = new LinkedHashMap<>();
        Dashboard.Projects p = d.projects();
        out.put("projects", List.of(
                List.of("started", "active", "on_hold", "completed", "cancelled", "completion_rate", "on_time",
                        "on_time_rate", "cycle_count", "cycle_mean_days", "cycle_p50_days", "cycle_p85_days",
                        "cycle_p95_days"),
                row(p.started(), p.active(), p.onHold(), p.completed(), p.cancelled(), p.completionRate(), p.onTime(),
                        p.onTimeRate(), p.cycle().count(), p.cycle().mean(), p.cycle().p50(), p.cycle().p85(),
                        p.cycle().p95())));
        List<List<Object>> stages = new ArrayList<>();
        stages.add(List.of("template", "stage", "name", "completed", "mean_days", "p50_days", "p85_days", "p95_days"));
        d.stages().forEach(s -> stages.add(row(s.template(), s.stage(), s.name(), s.cycle().count(), s.cycle().mean(),
                s.cycle().p50(), s.cycle().p85(), s.cycle().p95())));
        out.put("stages", stages);
        List<List<Object>> gates = new ArrayList<>();
        gates.add(List.of("template", "stage", "name", "passed", "recycled", "rework_rate"));
        d.gates().forEach(g -> gates.add(row(g.template(), g.stage(), g.name(), g.passed(), g.recycled(), g.reworkRate())));
        out.put("gates", gates);
        List<List<Object>> overdue = new ArrayList<>();
        overdue.add(List.of("project_id", "project", "template", "stage", "name", "due_at", "days_late"));
        d.overdue().forEach(o -> overdue.add(row(o.projectId(), o.project(), o.template(), o.stage(), o.name(),
                o.dueAt().toString(), o.daysLate())));
        out.put("overdue", overdue);
        List<List<Object>> people = new ArrayList<>();
        people.add(List.of("user", "tasks", "decisions", "mean_handling_hours"));
        d.people().forEach(x -> people.add(row(x.user(), x.tasks(), x.decisions(), x.meanHandlingHours())));
        out.put("people", people);
        List<List<Object>> work = new ArrayList<>();
        work.add(List.of("template", "stage", "items", "mean_handling_hours"));
        d.stageWork().forEach(x -> work.add(row(x.template(), x.stage(), x.items(), x.meanHandlingHours())));
        out.put("stage-work", work);
        List<List<Object>> weeks = new ArrayList<>();
        weeks.add(List.of("week", "completed"));
        d.throughput().forEach(w -> weeks.add(row(w.week().toString(), w.completed())));
        out.put("throughput", weeks);
        return out;
    }

    private static List<Object> row(Object... values) {
        List<Object> out = new ArrayList<>();
        for (Object v : values) {
            out.add(v);
        }
        return out;
    }

    public static String csv(Dashboard d, String table) {
        StringBuilder out = new StringBuilder();
        for (List<Object> row : tables(d).get(table)) {
            for (int i = 0; i < row.size(); i++) {
                if (i > 0) {
                    out.append(',');
                }
                out.append(Csv.cell(row.get(i)));
            }
            out.append("\r\n");
        }
        return out.toString();
    }

    public static byte[] xlsx(Dashboard d) {
        try (XSSFWorkbook book = new XSSFWorkbook(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            for (Map.Entry<String, List<List<Object>>> table : tables(d).entrySet()) {
                Sheet sheet = book.createSheet(table.getKey());
                int r = 0;
                for (List<Object> values : table.getValue()) {
                    Row row = sheet.createRow(r++);
                    for (int c = 0; c < values.size(); c++) {
                        Object v = values.get(c);
                        if (v instanceof Number n) {
                            row.createCell(c).setCellValue(n.doubleValue());
                        } else if (v != null) {
                            row.createCell(c).setCellValue(v.toString());
                        }
                    }
                }
            }
            book.write(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
