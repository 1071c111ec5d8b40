package io.tollgate.engine.work;

import io.tollgate.engine.project.ProjectService;
import io.tollgate.engine.security.Actor;
import io.tollgate.engine.security.Actors;
import io.tollgate.engine.support.Problems;
import io.tollgate.engine.work.internal.Absences;
import io.tollgate.engine.work.internal.WorkItems;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Out of office: a user says when they are away and who stands in. New tasks and approvals for them
 * go to the substitute while it lasts (decided when the work opens), existing ones move in one
 * handover; the item shows whom the work is for. A substitute never gets a second vote at a gate.
 */
@Service
@Transactional
public class AbsenceService {

    /** The longest absence one entry may cover. */
    static final Duration MAX_LENGTH = Duration.ofDays(366);

    private final Absences absences;
    private final WorkItems items;
    private final Actors actors;
    private final ProjectService projects;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    AbsenceService(Absences absences, WorkItems items, Actors actors, ProjectService projects,
                   ApplicationEventPublisher events, Clock clock) {
        this.absences = absences;
        this.items = items;
        this.actors = actors;
        this.projects = projects;
        this.events = events;
        this.clock = clock;
    }

    /** An absence as the API shows it. */
    public record AbsenceView(String user, Instant from, Instant to, String substitute, boolean current) {
    }

    /** What the user sends: from (default now), to, substitute. */
    public record AbsenceRequest(String from, String to, String substitute) {
    }

    /** What a handover moved, and what stayed because the substitute already votes at that gate. */
    public record Handover(String substitute, List<String> moved, List<String> kept) {
    }

    @Transactional(readOnly = true)
    public AbsenceView current(Actor actor) {
        return absences.findByWorkspaceIdAndUsername(actor.workspaceId(), actor.username()).map(this::view)
                .orElseThrow(() -> Problems.notFound("absence", "You have no absence set."));
    }

    public AbsenceView set(AbsenceRequest request, Actor actor) {
        List<Problems.FieldError> errors = new ArrayList<>();
        Instant now = clock.instant();
        Instant from = request == null || request.from() == null ? now : instant(request.from(), "from", errors);
        Instant to = request == null ? null : instant(request.to(), "to", errors);
        String substitute = request == null ? null : request.substitute();
        if (substitute == null || substitute.length() > 100 || !actors.exists(substitute, actor.workspaceId())) {
            errors.add(new Problems.FieldError("substitute", "There is no user '" + substitute + "' in this workspace."));
        } else if (substitute.equals(actor.username())) {
            errors.add(new Problems.FieldError("substitute", "Name someone else to stand in for you."));
        }
        if (from != null && to != null && (!to.isAfter(from) || !to.isAfter(now))) {
            errors.add(new Problems.FieldError("to", "The absence ends after it starts, and ahead of now."));
        } else if (from != null && to != null && Duration.between(from, to).compareTo(MAX_LENGTH) > 0) {
            errors.add(new Problems.FieldError("to", "An absence lasts at most 366 days."));
        }
        if (!errors.isEmpty()) {
            throw Problems.invalidFields("The absence cannot be set that way.", errors);
        }
        Absence absence = absences.findByWorkspaceIdAndUsername(actor.workspaceId(), actor.username()).orElse(null);
        if (absence == null) {
            absence = absences.save(new Absence(UUID.randomUUID().toString(), actor.workspaceId(), actor.username(), from, to,
                    substitute, now));
        } else {
            absence.change(from, to, substitute);
        }
        absences.flush();
        events.publishEvent(new WorkEvents.AbsenceSet(actor.workspaceId(), actor.username(), from, to, substitute, now));
        return view(absence);
    }

    public void end(Actor actor) {
        Absence absence = absences.findByWorkspaceIdAndUsername(actor.workspaceId(), actor.username())
                .orElseThrow(() -> Problems.notFound("absence", "You have no absence set."));
        absences.delete(absence);
        events.publishEvent(new WorkEvents.AbsenceEnded(actor.workspaceId(), actor.username(), actor.username(),
                clock.instant()));
    }

    /** Moves the caller's open work to their substitute now, except votes the substitute already has. */
    public Handover handover(Actor actor) {
        Absence absence = absences.findByWorkspaceIdAndUsername(actor.workspaceId(), actor.username())
                .orElseThrow(() -> Problems.notFound("absence", "Set an absence with a substitute first."));
        String to = absence.substitute();
        List<String> moved = new ArrayList<>();
        List<String> kept = new ArrayList<>();
        Instant now = clock.instant();
        for (WorkItem item : items.inbox(actor.username(), actor.principals(), null)) {
            if (!projects.context(item.projectId()).workspaceId().equals(actor.workspaceId())) {
                continue;
            }
            if (item.kind() == WorkItem.Kind.APPROVAL && votesAlready(item, to)) {
                kept.add(item.id());
                continue;
            }
            item.standIn(to, actor.username());
            projects.addParticipants(item.projectId(), List.of(to));
            moved.add(item.id());
            events.publishEvent(new WorkEvents.WorkSubstituted(actor.workspaceId(), item.projectId(), item.stageKey(),
                    item.itemKey(), actor.username(), to, now));
        }
        return new Handover(to, moved, kept);
    }

    /**
     * Gives newly opened work of an absent user to their substitute; called as the work opens.
     * Answers the substitute, or empty when the work stays where it is.
     */
    Optional<String> standIn(WorkItem item, String workspaceId, Instant at) {
        List<String> users = item.assignee() != null ? List.of(item.assignee())
                : item.candidates().stream().filter(c -> c.startsWith("user:")).map(c -> c.substring(5)).toList();
        if (users.size() != 1) {
            // work offered to several people or a group stays with them: the others can do it
            return Optional.empty();
        }
        String user = users.get(0);
        Optional<Absence> away = absences.findByWorkspaceIdAndUsername(workspaceId, user).filter(a -> a.coversAt(at));
        if (away.isEmpty()) {
            return Optional.empty();
        }
        String to = away.get().substitute();
        if (item.kind() == WorkItem.Kind.APPROVAL && votesAlready(item, to)) {
            // each person counts once at a gate: the absent approver keeps their vote
            return Optional.empty();
        }
        item.standIn(to, user);
        projects.addParticipants(item.projectId(), List.of(to));
        events.publishEvent(new WorkEvents.WorkSubstituted(workspaceId, item.projectId(), item.stageKey(), item.itemKey(),
                user, to, at));
        return Optional.of(to);
    }

    private boolean votesAlready(WorkItem item, String user) {
        return items.findByProjectIdAndStageKey(item.projectId(), item.stageKey()).stream()
                .anyMatch(w -> w.kind() == WorkItem.Kind.APPROVAL && w.round() == item.round() && !w.id().equals(item.id())
                        && user.equals(w.assignee()) && w.status() != WorkItem.Status.CANCELLED);
    }

    private AbsenceView view(Absence a) {
        return new AbsenceView(a.username(), a.startsAt(), a.endsAt(), a.substitute(), a.coversAt(clock.instant()));
    }

    private static Instant instant(String text, String field, List<Problems.FieldError> errors) {
        try {
            if (text != null && text.length() <= 40) {
                return OffsetDateTime.parse(text).toInstant();
            }
        } catch (DateTimeParseException e) {
            // reported below
        }
        errors.add(new Problems.FieldError(field, "A date and time such as 2027-01-31T17:00:00Z."));
        return null;
    }
}
