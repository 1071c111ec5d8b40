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
}
