package io.tollgate.engine.modules.timesheets.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.tollgate.engine.modules.timesheets.Timesheets;
import io.tollgate.engine.security.Actors;
import io.tollgate.engine.support.Csv;
import io.tollgate.engine.support.Problems;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

@RestController
@RequestMapping("/api/projects/{projectId}/timesheets")
@Tag(name = "Timesheets")
class TimesheetController {

    private static final String NOT_FOUND = "There is no such project visible to you, or the timesheets module is off "
            + "in your workspace.";
    private static final String XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    private final Timesheets timesheets;
    private final Actors actors;

    TimesheetController(Timesheets timesheets, Actors actors) {
        this.timesheets = timesheets;
        this.actors = actors;
    }

    /** A manager's decision on a submitted week. */
    record Decision(String user, String comment) {
    }

    @Operation(operationId = "getTimesheetWeek", summary = "One person's week of hours on a project",
            description = "`weekStart` is a Monday. `user` defaults to the caller; only the project manager or an admin "
                    + "sees another person's week.")
    @ApiResponse(responseCode = "200", description = "The week: status and entries", useReturnTypeSchema = true)
    @ApiResponse(responseCode = "400", description = "The week does not start on a Monday.")
    @ApiResponse(responseCode = "403", description = "Another person's week, and you do not manage the project.")
    @ApiResponse(responseCode = "404", description = NOT_FOUND)
    @GetMapping("/weeks/{weekStart}")
    Timesheets.WeekView week(@PathVariable String projectId,
                             @PathVariable @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate weekStart,
                             @RequestParam(required = false) String user) {
        return timesheets.week(projectId, weekStart, user, actors.current());
    }

    @Operation(operationId = "listTimesheetWeeks", summary = "Weeks handed in on a project",
            description = "The project manager sees everyone's, anyone else their own. `status` filters: submitted, "
                    + "approved or returned.")
    @ApiResponse(responseCode = "200", description = "The weeks, newest first", useReturnTypeSchema = true)
    @ApiResponse(responseCode = "400", description = "Unknown status.")
    @ApiResponse(responseCode = "404", description = NOT_FOUND)
    @GetMapping("/weeks")
    List<Timesheets.WeekView> weeks(@PathVariable String projectId, @RequestParam(required = false) String status) {
        return timesheets.weeks(projectId, status, actors.current());
    }

    @Operation(operationId = "addTimesheetEntry", summary = "Enter hours worked",
            description = "The caller's hours on a day, on a stage (and optionally one of its tasks): more than 0 and "
                    + "at most 24 hours, and at most 24 in a day across projects; a note of at most 500 characters.")
    @ApiResponse(responseCode = "201", description = "The entry", useReturnTypeSchema = true)
    @ApiResponse(responseCode = "400", description = "Values are missing or break their rules: `errors` lists them.")
    @ApiResponse(responseCode = "404", description = NOT_FOUND)
    @ApiResponse(responseCode = "409", description = "The week is submitted or approved, or the project is not active.")
    @PostMapping("/entries")
    @ResponseStatus(HttpStatus.CREATED)
    Timesheets.EntryView add(@PathVariable String projectId, @RequestBody(required = false) Timesheets.EntryInput body) {
        return timesheets.add(projectId, body, actors.current());
    }

    @Operation(operationId = "deleteTimesheetEntry", summary = "Remove one of your entries while its week is open")
    @ApiResponse(responseCode = "204", description = "Removed")
    @ApiResponse(responseCode = "404", description = NOT_FOUND + " Or you have no such entry.")
    @ApiResponse(responseCode = "409", description = "The week is submitted or approved.")
    @DeleteMapping("/entries/{entryId}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void remove(@PathVariable String projectId, @PathVariable String entryId) {
        timesheets.remove(projectId, entryId, actors.current());
    }

    @Operation(operationId = "submitTimesheetWeek", summary = "Hand in your week for approval")
    @ApiResponse(responseCode = "200", description = "The week, submitted", useReturnTypeSchema = true)
    @ApiResponse(responseCode = "400", description = "The week does not start on a Monday.")
    @ApiResponse(responseCode = "404", description = NOT_FOUND)
    @ApiResponse(responseCode = "409", description = "The week has no hours, or is already submitted or approved.")
    @PostMapping("/weeks/{weekStart}/submit")
    Timesheets.WeekView submit(@PathVariable String projectId,
                               @PathVariable @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate weekStart) {
        return timesheets.submit(projectId, weekStart, actors.current());
    }

    @Operation(operationId = "approveTimesheetWeek", summary = "Approve a person's submitted week",
            description = "By the project manager or an admin.")
    @ApiResponse(responseCode = "200", description = "The week, approved", useReturnTypeSchema = true)
    @ApiResponse(responseCode = "400", description = "`user` is missing or the comment too long.")
    @ApiResponse(responseCode = "403", description = "You do not manage the project.")
    @ApiResponse(responseCode = "404", description = NOT_FOUND)
    @ApiResponse(responseCode = "409", description = "That week is not submitted.")
    @PostMapping("/weeks/{weekStart}/approve")
    Timesheets.WeekView approve(@PathVariable String projectId,
                                @PathVariable @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate weekStart,
                                @RequestBody(required = false) Decision body) {
        return timesheets.decide(projectId, weekStart, body == null ? null : body.user(), true,
                body == null ? null : body.comment(), actors.current());
    }

    @Operation(operationId = "returnTimesheetWeek", summary = "Return a person's submitted week with a comment",
            description = "By the project manager or an admin; the person can then fix it and submit again.")
    @ApiResponse(responseCode = "200", description = "The week, returned", useReturnTypeSchema = true)
    @ApiResponse(responseCode = "400", description = "`user` or `comment` is missing, or the comment is too long.")
    @ApiResponse(responseCode = "403", description = "You do not manage the project.")
    @ApiResponse(responseCode = "404", description = NOT_FOUND)
    @ApiResponse(responseCode = "409", description = "That week is not submitted.")
    @PostMapping("/weeks/{weekStart}/return")
    Timesheets.WeekView giveBack(@PathVariable String projectId,
                                 @PathVariable @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate weekStart,
                                 @RequestBody(required = false) Decision body) {
        return timesheets.decide(projectId, weekStart, body == null ? null : body.user(), false,
                body == null ? null : body.comment(), actors.current());
    }

    @Operation(operationId = "timesheetTotals", summary = "Hours of a project in total, per stage and per person",
            description = "`approved` counts the hours of approved weeks only.")
    @ApiResponse(responseCode = "200", description = "The totals", useReturnTypeSchema = true)
    @ApiResponse(responseCode = "404", description = NOT_FOUND)
    @GetMapping("/totals")
    Timesheets.Totals totals(@PathVariable String projectId) {
        return timesheets.totals(projectId, actors.current());
    }

    @Operation(operationId = "exportTimesheets", summary = "Every entry of the project as CSV or an Excel workbook",
            description = "`format` is `csv` (the default) or `xlsx`. By the project manager or an admin.")
    @ApiResponse(responseCode = "200", description = "The file, as an attachment")
    @ApiResponse(responseCode = "400", description = "Unknown format.")
    @ApiResponse(responseCode = "403", description = "You do not manage the project.")
    @ApiResponse(responseCode = "404", description = NOT_FOUND)
    @GetMapping("/export")
    ResponseEntity<byte[]> export(@PathVariable String projectId, @RequestParam(defaultValue = "csv") String format) {
        if (!format.equals("csv") && !format.equals("xlsx")) {
            throw Problems.badRequest("export-format", "format is csv or xlsx.");
        }
        List<Map.Entry<Timesheets.EntryView, String>> rows = timesheets.export(projectId, actors.current());
        String[] header = {"date", "user", "stage", "task", "hours", "note", "week status"};
        byte[] body = format.equals("csv") ? csv(header, rows) : xlsx(header, rows);
        return ResponseEntity.ok()
                .contentType(format.equals("csv") ? new MediaType("text", "csv", StandardCharsets.UTF_8) : MediaType.parseMediaType(XLSX))
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment()
                        .filename("timesheets-" + projectId + "." + format).build().toString())
                .header("X-Content-Type-Options", "nosniff")
                .body(body);
    }

    private static byte[] csv(String[] header, List<Map.Entry<Timesheets.EntryView, String>> rows) {
        StringBuilder out = new StringBuilder("\uFEFF").append(String.join(",", header)).append("\r\n");
        for (Map.Entry<Timesheets.EntryView, String> row : rows) {
            Timesheets.EntryView e = row.getKey();
            out.append(e.date()).append(',').append(Csv.cell(e.user())).append(',').append(Csv.cell(e.stage())).append(',')
                    .append(Csv.cell(e.task())).append(',').append(e.hours().toPlainString()).append(',')
                    .append(Csv.cell(e.note())).append(',').append(row.getValue()).append("\r\n");
        }
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] xlsx(String[] header, List<Map.Entry<Timesheets.EntryView, String>> rows) {
        try (XSSFWorkbook book = new XSSFWorkbook(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            Sheet sheet = book.createSheet("Timesheets");
            CellStyle bold = book.createCellStyle();
            Font font = book.createFont();
            font.setBold(true);
            bold.setFont(font);
            CellStyle date = book.createCellStyle();
            date.setDataFormat(book.getCreationHelper().createDataFormat().getFormat("yyyy-mm-dd"));
            Row head = sheet.createRow(0);
            for (int i = 0; i < header.length; i++) {
                head.createCell(i).setCellValue(header[i]);
                head.getCell(i).setCellStyle(bold);
            }
            int r = 1;
            for (Map.Entry<Timesheets.EntryView, String> row : rows) {
                Timesheets.EntryView e = row.getKey();
                Row line = sheet.createRow(r++);
                line.createCell(0).setCellValue(e.date());
                line.getCell(0).setCellStyle(date);
                line.createCell(1).setCellValue(e.user());
                line.createCell(2).setCellValue(e.stage());
                line.createCell(3).setCellValue(e.task() == null ? "" : e.task());
                line.createCell(4).setCellValue(e.hours().doubleValue());
                line.createCell(5).setCellValue(e.note() == null ? "" : e.note());
                line.createCell(6).setCellValue(row.getValue());
            }
            sheet.createFreezePane(0, 1);
            for (int i = 0; i < header.length; i++) {
                sheet.setColumnWidth(i, i == 5 ? 40 * 256 : 14 * 256);
            }
            book.write(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
