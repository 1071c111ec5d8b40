package io.tollgate.engine.calendar.web;

import io.tollgate.engine.calendar.CalendarService;
import io.tollgate.engine.security.Actors;
import io.tollgate.engine.support.Problems;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.util.Arrays;
import java.util.List;

/** The working-day calendar of the caller's workspace: everyone reads it, admins change it. */
@RestController
@Tag(name = "Calendar")
@RequestMapping("/api/calendar")
class CalendarController {

    private final CalendarService calendars;
    private final Actors actors;

    CalendarController(CalendarService calendars, Actors actors) {
        this.calendars = calendars;
        this.actors = actors;
    }

    @GetMapping
    @Operation(operationId = "getCalendar", summary = "Read your workspace's calendar")
    CalendarService.CalendarView get() {
        return calendars.view(actors.current());
    }

    @PutMapping
    @Operation(operationId = "replaceCalendar", summary = "Replace your workspace's calendar (admins)")
    CalendarService.CalendarView put(@RequestBody CalendarService.CalendarView body) {
        return calendars.replace(body, actors.current());
    }

    /** Holidays to add: a JSON array of dates. */
    @PostMapping(path = "/holidays", consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(operationId = "importHolidays", summary = "Add holidays to your workspace's calendar (admins)")
    CalendarService.CalendarView importJson(@RequestBody List<String> dates) {
        if (dates == null) {
            throw Problems.badRequest("invalid-calendar", "Send a list of dates.");
        }
        return calendars.importHolidays(dates, actors.current());
    }

    /** Holidays to add: one date per line, or separated by commas (CSV). */
    @PostMapping(path = "/holidays", consumes = {MediaType.TEXT_PLAIN_VALUE, "text/csv"})
    @Operation(operationId = "importHolidays", summary = "Add holidays to your workspace's calendar (admins)")
    CalendarService.CalendarView importText(@RequestBody String text) {
        List<String> dates = Arrays.stream(text.split("[,;\\r\\n]+")).map(String::trim)
                .filter(s -> !s.isEmpty() && !s.startsWith("#") && !s.equalsIgnoreCase("date")).toList();
        return calendars.importHolidays(dates, actors.current());
    }
}
