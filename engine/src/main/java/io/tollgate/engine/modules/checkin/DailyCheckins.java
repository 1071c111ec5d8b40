package io.tollgate.engine.modules.checkin;

import io.tollgate.engine.modules.ModuleActivity;
import io.tollgate.engine.attachment.Attachment;
import io.tollgate.engine.attachment.Attachments;
import io.tollgate.engine.modules.checkin.internal.Checkins;
import io.tollgate.engine.project.Project;
import io.tollgate.engine.project.ProjectService;
import io.tollgate.engine.security.Actor;
import io.tollgate.engine.support.Problems;
import org.springframework.http.ResponseEntity;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Daily check-ins on the projects the caller can see: anyone taking part checks in once a day with an
 * optional note and an optional photo or document; checking in again the same day updates it. The
 * stand-up summary of a day lists who checked in, with what, and who of the project's people did not.
 */
@Service
@Transactional
public class DailyCheckins {

    static final int NOTE_MAX = 500;

    private final Checkins checkins;
    private final Attachments attachments;
    private final ProjectService projects;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    DailyCheckins(Checkins checkins, Attachments attachments, ProjectService projects, ApplicationEventPublisher events,
                  Clock clock) {
        this.checkins = checkins;
        this.attachments = attachments;
        this.projects = projects;
        this.events = events;
        this.clock = clock;
    }

    public record CheckinView(String id, String user, LocalDate day, String note, Instant at,
                              Attachments.AttachmentView attachment) {
    }

    /** A day's stand-up: who checked in (first come first), and who of the project's people did not. */
    public record Standup(LocalDate day, List<CheckinView> checkins, List<String> missing, boolean checkedIn) {
    }

    /** The caller checks in today, with a note and optionally a file (its name and bytes). */
    public CheckinView checkIn(String projectId, String note, String filename, byte[] file, Actor actor) {
        projects.load(projectId, actor).assertActive();
        if (note != null && note.length() > NOTE_MAX) {
            throw Problems.invalidFields("The note is too long.",
                    List.of(new Problems.FieldError("note", "At most " + NOTE_MAX + " characters.")));
        }
        String attachmentId = file == null || file.length == 0 ? null : attachments.store(filename, file, actor).id();
        LocalDate today = LocalDate.now(clock);
        Checkin checkin = checkins.findByProjectIdAndUsernameAndDay(projectId, actor.username(), today)
                .orElseGet(() -> new Checkin(UUID.randomUUID().toString(), projectId, actor.username(), today));
        checkin.record(note == null || note.isBlank() ? null : note.strip(), attachmentId, clock.instant());
        Checkin saved = checkins.save(checkin);
        events.publishEvent(new ModuleActivity.CheckedIn(actor.workspaceId(), projectId, actor.username(), today,
                attachmentId != null, clock.instant()));
        return view(saved, actor.workspaceId());
    }

    @Transactional(readOnly = true)
    public Standup standup(String projectId, LocalDate day, Actor actor) {
        Project project = projects.load(projectId, actor);
        LocalDate date = day == null ? LocalDate.now(clock) : day;
        List<CheckinView> list = checkins.findByProjectIdAndDayOrderByCheckedInAt(projectId, date).stream()
                .map(c -> view(c, actor.workspaceId())).toList();
        Set<String> people = new TreeSet<>(project.roles().values().stream().flatMap(List::stream).toList());
        people.add(project.createdBy());
        Set<String> came = list.stream().map(CheckinView::user).collect(Collectors.toSet());
        people.removeAll(came);
        return new Standup(date, list, List.copyOf(people), came.contains(actor.username()));
    }

    /** A check-in's attachment, as a safe download, for anyone who can see the project. */
    @Transactional(readOnly = true)
    public ResponseEntity<byte[]> attachment(String projectId, String checkinId, Actor actor) {
        projects.load(projectId, actor);
        Checkin checkin = checkins.findById(checkinId).filter(c -> c.projectId().equals(projectId))
                .orElseThrow(() -> Problems.notFound("checkin", "There is no such check-in in this project."));
        Attachment attachment = attachments.find(checkin.attachmentId(), actor.workspaceId())
                .orElseThrow(() -> Problems.notFound("attachment", "This check-in has no attachment."));
        return attachments.download(attachment);
    }

    private CheckinView view(Checkin c, String workspaceId) {
        Attachments.AttachmentView file = attachments.find(c.attachmentId(), workspaceId)
                .map(Attachments.AttachmentView::of).orElse(null);
        return new CheckinView(c.id(), c.username(), c.day(), c.note(), c.checkedInAt(), file);
    }

}
