package io.tollgate.engine.calendar;

import java.time.Instant;

/** What admins did with their workspace's calendar. */
public final class CalendarEvents {
    private CalendarEvents() {
    }

    /** The calendar changed: settings replaced, or holidays imported. */
    public record CalendarChanged(String workspaceId, String actor, String mode, int holidays, int workingWeekends,
                                  Instant at) {
    }
}
