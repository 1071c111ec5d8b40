package io.tollgate.engine.insight;

import org.junit.jupiter.api.Test;
import org.springframework.web.ErrorResponseException;

import java.io.ByteArrayInputStream;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import org.apache.poi.xssf.usermodel.XSSFWorkbook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DashboardExportTests {

    private static Dashboard dashboard() {
        Dashboard.Stats stats = new Dashboard.Stats(2, 4.75, 4.75, 5.975, 6.325);
        return new Dashboard(new Dashboard.Filters(null, "all", null, Instant.EPOCH, Instant.EPOCH),
                new Dashboard.Projects(4, 1, 0, 2, 1, 0.5, 1, 0.5, stats), List.of(), List.of(),
                List.of(new Dashboard.StageCycle("t", "plan", "Plan, first", stats)),
                List.of(new Dashboard.GateRework("t", "plan", "=HYPERLINK(\"x\")", 2, 1, 0.3333)),
                List.of(), List.of(new Dashboard.Person("alice", 3, 0, 24.0)), List.of(),
                List.of(new Dashboard.Week(LocalDate.of(2026, 11, 16), 2)));
    }

    @Test
    void csvQuotesCellsThatNeedItAndNeverStartsAFormula() {
        assertThat(DashboardExport.csv(dashboard(), "stages"))
                .isEqualTo("template,stage,name,completed,mean_days,p50_days,p85_days,p95_days\r\n"
                        + "t,plan,\"Plan, first\",2,4.75,4.75,5.975,6.325\r\n");
        assertThat(DashboardExport.csv(dashboard(), "gates")).contains("t,plan,\"'=HYPERLINK(\"\"x\"\")\",2,1,0.3333");
        assertThat(DashboardExport.csv(dashboard(), "throughput")).isEqualTo("week,completed\r\n2026-11-16,2\r\n");
    }

    @Test
    void theWorkbookHasASheetPerTableWithNumbersAsNumbers() throws Exception {
        try (XSSFWorkbook book = new XSSFWorkbook(new ByteArrayInputStream(DashboardExport.xlsx(dashboard())))) {
            assertThat(book.getNumberOfSheets()).isEqualTo(DashboardExport.TABLES.size());
            assertThat(book.getSheet("projects").getRow(1).getCell(0).getNumericCellValue()).isEqualTo(4.0);
            assertThat(book.getSheet("people").getRow(1).getCell(0).getStringCellValue()).isEqualTo("alice");
        }
    }

    @Test
    void settingsOutOfRangeAreRefusedWithEachProblem() {
        InsightSettings bad = new InsightSettings(new HealthScore.Settings(-1, 60, 2, 40, 10, 30, 40, 80, 90), 1.0);
        assertThatThrownBy(bad::checked).isInstanceOfSatisfying(ErrorResponseException.class, e -> {
            assertThat(e.getStatusCode().value()).isEqualTo(400);
            assertThat(String.valueOf(e.getBody().getProperties())).contains("health.pointsPerDayLate")
                    .contains("health.redBelow").contains("lateAlertThreshold");
        });
        assertThat(InsightSettings.defaults().checked()).isEqualTo(InsightSettings.defaults());
    }
}
