package io.tollgate.engine.template;

import com.fasterxml.jackson.databind.JsonNode;
import io.tollgate.engine.Api;
import io.tollgate.engine.IntegrationTestSupport;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An admin imports a real .xlsx task list written by Apache POI: 40 rows across 6 stages. Two
 * malformed rows are reported with their row and column and nothing is imported; once they are
 * fixed the draft comes back and validates as a template.
 */
class TaskListImportIntegrationTests extends IntegrationTestSupport {

    private static final String XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    private static final String[] STAGES = {"Survey", "设计 Design", "Permits", "Construction", "Inspection", "Handover"};

    /** 40 rows: stage, task, assignee, duration in days, predecessor (the previous task of the stage). */
    private static List<Object[]> rows() {
        List<Object[]> rows = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            int stage = i * 6 / 40;
            String previous = i > 0 && (i - 1) * 6 / 40 == stage ? "Task " + i : "";
            rows.add(new Object[] {STAGES[stage], "Task " + (i + 1), i % 3 == 0 ? "engineer" : "项目经理", (double) (1 + i % 5),
                    previous});
        }
        return rows;
    }

    private static byte[] xlsx(List<Object[]> rows) throws IOException {
        try (XSSFWorkbook book = new XSSFWorkbook(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            Sheet sheet = book.createSheet("Tasks");
            String[] header = {"Stage", "Task", "Assignee", "Duration", "Predecessor"};
            Row h = sheet.createRow(0);
            for (int c = 0; c < header.length; c++) {
                h.createCell(c).setCellValue(header[c]);
            }
            for (int r = 0; r < rows.size(); r++) {
                Row row = sheet.createRow(r + 1);
                Object[] values = rows.get(r);
                for (int c = 0; c < values.length; c++) {
                    if (values[c] instanceof Double d) {
                        row.createCell(c).setCellValue(d);
                    } else if (values[c] != null) {
                        row.createCell(c).setCellValue((String) values[c]);
                    }
                }
            }
            book.write(out);
            return out.toByteArray();
        }
    }

    @Test
    void malformedRowsAreReportedByRowAndColumnAndTheFixedListBecomesAValidDraft() throws IOException {
        Api admin = api().as("admin");
        List<Object[]> rows = rows();
        rows.get(5)[3] = "three days";        // spreadsheet row 7, column D
        rows.get(21)[4] = "Task 99";          // spreadsheet row 23, column E: no such task
        Api.Answer refused = admin.postBytes("/api/template-imports?key=imported-site&name=Imported", XLSX, xlsx(rows));
        assertThat(refused.status()).as(refused.text()).isEqualTo(400);
        assertThat(refused.contentType()).contains("application/problem+json");
        JsonNode reported = refused.get("rows");
        assertThat(reported).hasSize(2);
        assertThat(reported.get(0).get("row").asInt()).isEqualTo(7);
        assertThat(reported.get(0).get("column").asText()).isEqualTo("D");
        assertThat(reported.get(0).get("message").asText()).contains("three days");
        assertThat(reported.get(1).get("row").asInt()).isEqualTo(23);
        assertThat(reported.get(1).get("column").asText()).isEqualTo("E");
        assertThat(reported.get(1).get("message").asText()).contains("Task 99");
        assertThat(admin.get("/api/templates/imported-site").status()).as("nothing imported").isEqualTo(404);

        assertThat(api().as("alice").postBytes("/api/template-imports?key=imported-site", XLSX, xlsx(rows())).status())
                .isEqualTo(403);
        assertThat(admin.postBytes("/api/template-imports?key=imported-site", XLSX, "not a workbook".getBytes()).status())
                .isEqualTo(400);

        Api.Answer draft = admin.postBytes("/api/template-imports?key=imported-site&name=Imported", XLSX, xlsx(rows()));
        assertThat(draft.status()).as(draft.text()).isEqualTo(200);
        assertThat(draft.get("stages").asInt()).isEqualTo(6);
        assertThat(draft.get("tasks").asInt()).isEqualTo(40);
        String yaml = draft.get("yaml").asText();
        assertThat(yaml).contains("requires:", "duration: P", "设计 Design", "zh-CN");

        Api.Answer saved = admin.put("/api/templates/imported-site", "application/yaml", yaml);
        assertThat(saved.status()).as(saved.text()).isBetween(200, 201);
        assertThat(saved.get("valid").asBoolean()).as(saved.text()).isTrue();
        Api.Answer published = admin.post("/api/templates/imported-site/publish", Map.of());
        assertThat(published.status()).as(published.text()).isEqualTo(201);
    }

    /** The same 40 rows as CSV text: a header, then one line per row, fields quoted where they need it. */
    private static String csv(String[] header, List<Object[]> rows, char separator) {
        StringBuilder out = new StringBuilder(String.join(String.valueOf(separator), header)).append("\r\n");
        for (Object[] row : rows) {
            List<String> cells = new ArrayList<>();
            for (Object value : row) {
                String text = value instanceof Double d ? Integer.toString(d.intValue()) : value == null ? "" : (String) value;
                cells.add(text.indexOf(separator) >= 0 || text.contains("\"") || text.contains(" ")
                        ? "\"" + text.replace("\"", "\"\"") + "\"" : text);
            }
            out.append(String.join(String.valueOf(separator), cells)).append("\r\n");
        }
        return out.toString();
    }

    private static byte[] utf8WithBom(String text) {
        byte[] body = text.getBytes(StandardCharsets.UTF_8);
        byte[] out = new byte[body.length + 3];
        out[0] = (byte) 0xEF;
        out[1] = (byte) 0xBB;
        out[2] = (byte) 0xBF;
        System.arraycopy(body, 0, out, 3, body.length);
        return out;
    }

    @Test
    void previewCreatesNothingAndConfirmSavesTheDraftOnceItsRowsAreFixed() throws IOException {
        Api admin = api().as("admin");
        List<Object[]> rows = rows();
        rows.get(5)[3] = "three days";
        rows.get(21)[4] = "Task 99";
        Api.Answer preview = admin.postBytes("/api/template-imports/previews?key=previewed-site&name=Previewed", XLSX, xlsx(rows));
        assertThat(preview.status()).as(preview.text()).isEqualTo(200);
        assertThat(preview.get("confirmable").asBoolean()).isFalse();
        JsonNode problems = preview.get("problems");
        assertThat(problems).hasSize(2);
        assertThat(problems.get(0).get("row").asInt()).isEqualTo(7);
        assertThat(problems.get(0).get("column").asText()).isEqualTo("D");
        assertThat(problems.get(1).get("row").asInt()).isEqualTo(23);
        assertThat(problems.get(1).get("column").asText()).isEqualTo("E");
        assertThat(preview.get("stages")).hasSize(6);
        assertThat(admin.get("/api/templates/previewed-site?draft=true").status()).as("a preview creates nothing").isEqualTo(404);
        Api.Answer refused = admin.post("/api/template-imports/previews/" + preview.get("id").asText() + "/confirm", Map.of());
        assertThat(refused.status()).as(refused.text()).isEqualTo(400);
        assertThat(refused.get("rows")).hasSize(2);
        assertThat(admin.get("/api/templates/previewed-site?draft=true").status()).isEqualTo(404);

        Api.Answer fixed = admin.postBytes("/api/template-imports/previews?key=previewed-site&name=Previewed", XLSX, xlsx(rows()));
        assertThat(fixed.status()).as(fixed.text()).isEqualTo(200);
        assertThat(fixed.get("confirmable").asBoolean()).isTrue();
        assertThat(fixed.get("tasks").asInt()).isEqualTo(40);
        assertThat(fixed.get("stages")).hasSize(6);
        assertThat(fixed.get("stages").get(1).get("name").asText()).isEqualTo("设计 Design");
        assertThat(fixed.get("roles").size()).isEqualTo(3);
        assertThat(fixed.get("prerequisites").asInt()).isEqualTo(34);
        String id = fixed.get("id").asText();
        assertThat(api().as("pm").post("/api/template-imports/previews/" + id + "/confirm", Map.of()).status()).isEqualTo(403);
        Api.Answer confirmed = admin.post("/api/template-imports/previews/" + id + "/confirm", Map.of());
        assertThat(confirmed.status()).as(confirmed.text()).isEqualTo(201);
        assertThat(confirmed.get("valid").asBoolean()).as(confirmed.text()).isTrue();
        assertThat(confirmed.get("tasks").asInt()).isEqualTo(40);
        assertThat(admin.get("/api/templates/previewed-site?draft=true").status()).isEqualTo(200);
        assertThat(admin.post("/api/template-imports/previews/" + id + "/confirm", Map.of()).status())
                .as("a preview is confirmed once").isEqualTo(409);
        Api.Answer again = admin.postBytes("/api/template-imports/previews?key=previewed-site", XLSX, xlsx(rows()));
        assertThat(admin.post("/api/template-imports/previews/" + again.get("id").asText() + "/confirm", Map.of()).status())
                .as("an existing template is not overwritten").isEqualTo(409);
        assertThat(admin.get("/api/audit").text()).contains("template.imported");
        Api.Answer published = admin.post("/api/templates/previewed-site/publish", Map.of());
        assertThat(published.status()).as(published.text()).isEqualTo(201);
    }

    @Test
    void readsCsvInUtf8WithBomAndInGb18030WithChineseHeaders() {
        Api admin = api().as("admin");
        String english = csv(new String[] {"Stage", "Task", "Assignee", "Duration", "Predecessor"}, rows(), ',');
        Api.Answer bom = admin.postBytes("/api/template-imports/previews?key=csv-bom", "text/csv", utf8WithBom(english));
        assertThat(bom.status()).as(bom.text()).isEqualTo(200);
        assertThat(bom.get("format").asText()).isEqualTo("csv");
        assertThat(bom.get("charset").asText()).isEqualTo("UTF-8");
        assertThat(bom.get("tasks").asInt()).isEqualTo(40);
        assertThat(bom.get("stages").get(1).get("name").asText()).isEqualTo("设计 Design");
        assertThat(bom.get("problems")).isEmpty();

        List<Object[]> rows = rows();
        rows.get(2)[3] = "两天";
        String chinese = csv(new String[] {"阶段", "任务名称", "负责人", "工期（天）", "前置任务"}, rows, ';');
        Api.Answer gbk = admin.postBytes("/api/template-imports/previews?key=csv-gbk", "text/csv",
                chinese.getBytes(Charset.forName("GB18030")));
        assertThat(gbk.status()).as(gbk.text()).isEqualTo(200);
        assertThat(gbk.get("charset").asText()).isEqualTo("GB18030");
        assertThat(gbk.get("problems")).hasSize(1);
        assertThat(gbk.get("problems").get(0).get("row").asInt()).isEqualTo(4);
        assertThat(gbk.get("problems").get(0).get("column").asText()).isEqualTo("D");
        assertThat(gbk.get("problems").get(0).get("value").asText()).isEqualTo("两天");
        assertThat(gbk.get("stages").get(1).get("name").asText()).isEqualTo("设计 Design");
        assertThat(gbk.get("roles").toString()).contains("项目经理");

        Api.Answer fixed = admin.postBytes("/api/template-imports/previews?key=csv-gbk", "text/csv",
                csv(new String[] {"阶段", "任务名称", "负责人", "工期（天）", "前置任务"}, rows(), ';')
                        .getBytes(Charset.forName("GB18030")));
        assertThat(fixed.get("confirmable").asBoolean()).as(fixed.text()).isTrue();
        Api.Answer saved = admin.post("/api/template-imports/previews/" + fixed.get("id").asText() + "/confirm", Map.of());
        assertThat(saved.status()).as(saved.text()).isEqualTo(201);
        assertThat(saved.get("valid").asBoolean()).isTrue();
        assertThat(admin.get("/api/templates/csv-gbk?draft=true").text()).contains("项目经理", "设计 Design");

        Api.Answer unclosed = admin.postBytes("/api/template-imports/previews?key=csv-bad", "text/csv",
                "Stage,Task\nA,\"never closed\n".getBytes(StandardCharsets.UTF_8));
        assertThat(unclosed.status()).as(unclosed.text()).isEqualTo(400);
        byte[] huge = new byte[TaskListReader.MAX_BYTES + 10];
        java.util.Arrays.fill(huge, (byte) 'a');
        assertThat(admin.postBytes("/api/template-imports/previews?key=csv-huge", "text/csv", huge).status()).isIn(400, 413);
        StringBuilder many = new StringBuilder("Stage,Task\n");
        for (int i = 0; i < TaskListReader.MAX_ROWS + 1; i++) {
            many.append("S,T").append(i).append('\n');
        }
        Api.Answer tooMany = admin.postBytes("/api/template-imports/previews?key=csv-many", "text/csv",
                many.toString().getBytes(StandardCharsets.UTF_8));
        assertThat(tooMany.status()).isEqualTo(400);
        assertThat(tooMany.text()).contains("import-too-many-rows");
        Api.Answer longCell = admin.postBytes("/api/template-imports/previews?key=csv-long", "text/csv",
                ("Stage,Task\nS," + "x".repeat(TaskListReader.MAX_CELL + 1) + "\n").getBytes(StandardCharsets.UTF_8));
        assertThat(longCell.status()).isEqualTo(200);
        assertThat(longCell.get("problems").get(0).get("code").asText()).isEqualTo("too-long");
        assertThat(longCell.get("problems").get(0).get("column").asText()).isEqualTo("B");
        assertThat(admin.get("/api/templates/csv-bom?draft=true").status()).as("previews create nothing").isEqualTo(404);
    }
}
