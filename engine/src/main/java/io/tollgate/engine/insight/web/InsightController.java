package io.tollgate.engine.insight.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.tollgate.engine.insight.Dashboard;
import io.tollgate.engine.insight.DashboardExport;
import io.tollgate.engine.insight.InsightService;
import io.tollgate.engine.insight.InsightSettings;
import io.tollgate.engine.insight.ProjectInsight;
import io.tollgate.engine.security.Actors;
import io.tollgate.engine.support.Problems;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.nio.charset.StandardCharsets;

@RestController
@Tag(name = "Insight")
class InsightController {

    private static final MediaType XLSX =
            MediaType.parseMediaType("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");

    private final InsightService insight;
    private final Actors actors;

    InsightController(InsightService insight, Actors actors) {
        this.insight = insight;
        this.actors = actors;
    }

    @Operation(operationId = "getDashboard", summary = "The workspace's dashboard",
            description = "Projects started in the period by status and stage, completion and on-time rates, cycle "
                    + "times (mean, P50, P85, P95) per stage and per project, rework per gate, the overdue list, work "
                    + "and handling time per person and per stage, and throughput per week. Admins and project managers.")
    @ApiResponse(responseCode = "200", description = "The dashboard", useReturnTypeSchema = true)
    @ApiResponse(responseCode = "400", description = "A filter is not valid.")
    @ApiResponse(responseCode = "403", description = "Only admins and project managers see the dashboard.")
    @GetMapping("/api/dashboard")
    Dashboard dashboard(@Parameter(description = "A template key") @RequestParam(required = false) String template,
                        @Parameter(description = "`7d`, `30d`, `90d` (the default), `365d` or `all`")
                        @RequestParam(required = false) String period,
                        @Parameter(description = "A group: only its members' work and the projects they worked on")
                        @RequestParam(required = false) String group) {
        return insight.dashboard(actors.current(), template, period, group);
    }

    @Operation(operationId = "exportDashboard", summary = "The dashboard's tables as CSV or Excel",
            description = "`format=csv` gives one table (`table`: projects, stages, gates, overdue, people, stage-work, "
                    + "throughput); `format=xlsx` gives a workbook with a sheet per table. Same filters as the dashboard.")
    @ApiResponse(responseCode = "200", description = "The file")
    @ApiResponse(responseCode = "400", description = "An unknown format or table, or a filter that is not valid.")
    @ApiResponse(responseCode = "403", description = "Only admins and project managers see the dashboard.")
    @GetMapping("/api/dashboard/export")
    ResponseEntity<byte[]> export(@RequestParam(defaultValue = "xlsx") String format,
                                  @RequestParam(defaultValue = "projects") String table,
                                  @RequestParam(required = false) String template,
                                  @RequestParam(required = false) String period,
                                  @RequestParam(required = false) String group) {
        if (!format.equals("csv") && !format.equals("xlsx")) {
            throw Problems.badRequest("invalid-parameter", "format is csv or xlsx.");
        }
        if (format.equals("csv") && !DashboardExport.TABLES.contains(table)) {
            throw Problems.badRequest("invalid-parameter", "table is one of " + String.join(", ", DashboardExport.TABLES) + ".");
        }
        Dashboard d = insight.dashboard(actors.current(), template, period, group);
        if (format.equals("csv")) {
            return ResponseEntity.ok().contentType(new MediaType("text", "csv", StandardCharsets.UTF_8))
                    .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment()
                            .filename("dashboard-" + table + ".csv").build().toString())
                    .body(DashboardExport.csv(d, table).getBytes(StandardCharsets.UTF_8));
        }
        return ResponseEntity.ok().contentType(XLSX).header(HttpHeaders.CONTENT_DISPOSITION,
                ContentDisposition.attachment().filename("dashboard.xlsx").build().toString()).body(DashboardExport.xlsx(d));
    }

    @Operation(operationId = "getInsightSettings", summary = "The health score's weights and the late-alert threshold")
    @ApiResponse(responseCode = "200", description = "The settings", useReturnTypeSchema = true)
    @ApiResponse(responseCode = "403", description = "Only admins and project managers read them.")
    @GetMapping("/api/dashboard/settings")
    InsightSettings settings() {
        return insight.settings(actors.current());
    }

    @Operation(operationId = "putInsightSettings", summary = "Change the health score's weights and the late-alert threshold")
    @ApiResponse(responseCode = "200", description = "The settings, saved", useReturnTypeSchema = true)
    @ApiResponse(responseCode = "400", description = "A value out of range: `errors` lists them.")
    @ApiResponse(responseCode = "403", description = "Only admins change them.")
    @PutMapping("/api/dashboard/settings")
    InsightSettings saveSettings(@RequestBody(required = false) InsightSettings body) {
        return insight.saveSettings(body, actors.current());
    }

    @Operation(operationId = "getProjectHealth", summary = "A project's health score, its colour and each part in words")
    @ApiResponse(responseCode = "200", description = "The health", useReturnTypeSchema = true)
    @ApiResponse(responseCode = "404", description = "There is no such project in your workspace, or you take no part in it.")
    @GetMapping("/api/projects/{id}/health")
    ProjectInsight.HealthView health(@PathVariable String id) {
        return insight.health(id, actors.current());
    }

    @Operation(operationId = "getProjectForecast", summary = "The chance a project finishes late, and its P50 and P85 finish")
    @ApiResponse(responseCode = "200", description = "The forecast", useReturnTypeSchema = true)
    @ApiResponse(responseCode = "404", description = "There is no such project in your workspace, or you take no part in it.")
    @GetMapping("/api/projects/{id}/forecast")
    ProjectInsight.ForecastView forecast(@PathVariable String id) {
        return insight.forecast(id, actors.current());
    }

    @Operation(operationId = "getProjectSchedule", summary = "A project's planned schedule: critical path and float per stage")
    @ApiResponse(responseCode = "200", description = "The schedule", useReturnTypeSchema = true)
    @ApiResponse(responseCode = "404", description = "There is no such project in your workspace, or you take no part in it.")
    @GetMapping("/api/projects/{id}/schedule")
    ProjectInsight.ScheduleView schedule(@PathVariable String id) {
        return insight.schedule(id, actors.current());
    }
}
