package io.tollgate.engine.modules.releases;

import io.tollgate.engine.modules.ModuleActivity;
import io.tollgate.engine.modules.releases.internal.Releases;
import io.tollgate.engine.project.ProjectContext;
import io.tollgate.engine.project.ProjectService;
import io.tollgate.engine.security.Actor;
import io.tollgate.engine.support.Problems;
import io.tollgate.modeler.model.Stage;
import io.tollgate.modeler.model.Template;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

/** The releases of projects the caller can see; project managers and admins plan them and mark them ready. */
@Service
@Transactional
public class ReleaseBook {

    static final int MAX_RELEASES = 200;
    static final int MAX_LINKS = 100;
    private static final Pattern VERSION = Pattern.compile("[\\p{L}\\p{N}][\\p{L}\\p{N}._+\\- ]{0,49}");

    private final Releases releases;
    private final ProjectService projects;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    ReleaseBook(Releases releases, ProjectService projects, ApplicationEventPublisher events, Clock clock) {
        this.releases = releases;
        this.projects = projects;
        this.events = events;
        this.clock = clock;
    }

    /** A release as it is written; on an update only the values sent change. */
    public record ReleaseInput(String version, LocalDate plannedOn, String notes, List<String> links, Boolean ready) {
    }

    /** A release as the API shows it; links are {@code stage:<key>} and {@code task:<key>} of the project's template. */
    public record ReleaseView(String id, String version, LocalDate plannedOn, String notes, List<String> links,
                              boolean ready, String readyBy, Instant readyAt, String createdBy) {
        static ReleaseView of(ProjectRelease r) {
            return new ReleaseView(r.id(), r.version(), r.plannedOn(), r.notes(), r.links().stream().sorted().toList(),
                    r.ready(), r.readyBy(), r.readyAt(), r.createdBy());
        }
    }

    @Transactional(readOnly = true)
    public List<ReleaseView> list(String projectId, Actor actor) {
        projects.load(projectId, actor);
        return releases.findByProjectIdOrderByPlannedOnAscCreatedAtAsc(projectId).stream().map(ReleaseView::of).toList();
    }

    public ReleaseView add(String projectId, ReleaseInput input, Actor actor) {
        ProjectContext project = projects.context(projectId, actor);
        project.project().assertActive();
        manager(actor);
        check(input, project.template(), true);
        if (releases.countByProjectId(projectId) >= MAX_RELEASES) {
            throw Problems.conflict("too-many-releases", "A project has at most " + MAX_RELEASES + " releases.");
        }
        String version = input.version().trim();
        unique(projectId, version, null);
        ProjectRelease release = new ProjectRelease(UUID.randomUUID().toString(), projectId, version, clock.instant(),
                actor.username());
        release.describe(version, input.plannedOn(), blankToNull(input.notes()), links(input.links()));
        if (Boolean.TRUE.equals(input.ready())) {
            release.mark(true, actor.username(), clock.instant());
        }
        ProjectRelease saved = releases.save(release);
        events.publishEvent(new ModuleActivity.ReleaseCreated(actor.workspaceId(), projectId, actor.username(), saved.id(),
                saved.version(), saved.plannedOn(), clock.instant()));
        if (saved.ready()) {
            events.publishEvent(new ModuleActivity.ReleaseReadyMarked(actor.workspaceId(), projectId, actor.username(),
                    saved.id(), saved.version(), true, clock.instant()));
        }
        return ReleaseView.of(saved);
    }

    public ReleaseView update(String projectId, String releaseId, ReleaseInput input, Actor actor) {
        ProjectContext project = projects.context(projectId, actor);
        project.project().assertActive();
        ProjectRelease release = releases.findById(releaseId).filter(r -> r.projectId().equals(projectId))
                .orElseThrow(() -> Problems.notFound("release", "There is no release '" + releaseId + "' in this project."));
        manager(actor);
        check(input, project.template(), false);
        String version = input.version() == null ? release.version() : input.version().trim();
        if (!version.equals(release.version())) {
            unique(projectId, version, releaseId);
        }
        List<String> changed = new ArrayList<>();
        if (!version.equals(release.version())) {
            changed.add("version " + release.version() + " → " + version);
        }
        if (input.plannedOn() != null && !input.plannedOn().equals(release.plannedOn())) {
            changed.add("plannedOn " + release.plannedOn() + " → " + input.plannedOn());
        }
        if (input.notes() != null && !java.util.Objects.equals(blankToNull(input.notes()), release.notes())) {
            changed.add("notes");
        }
        if (input.links() != null && !links(input.links()).equals(new LinkedHashSet<>(release.links()))) {
            changed.add("links");
        }
        release.describe(version, input.plannedOn() == null ? release.plannedOn() : input.plannedOn(),
                input.notes() == null ? release.notes() : blankToNull(input.notes()),
                input.links() == null ? release.links() : links(input.links()));
        if (!changed.isEmpty()) {
            events.publishEvent(new ModuleActivity.ReleaseChanged(actor.workspaceId(), projectId, actor.username(),
                    release.id(), release.version(), changed, clock.instant()));
        }
        if (input.ready() != null && input.ready() != release.ready()) {
            release.mark(input.ready(), actor.username(), clock.instant());
            events.publishEvent(new ModuleActivity.ReleaseReadyMarked(actor.workspaceId(), projectId, actor.username(),
                    release.id(), release.version(), input.ready(), clock.instant()));
        }
        return ReleaseView.of(release);
    }

    private static void manager(Actor actor) {
        if (!actor.isAdmin() && !actor.roles().contains("pm")) {
            throw Problems.forbidden("Only a project manager or an admin plans releases and marks them ready.");
        }
    }

    private void unique(String projectId, String version, String except) {
        boolean taken = releases.findByProjectIdOrderByPlannedOnAscCreatedAtAsc(projectId).stream()
                .anyMatch(r -> r.version().equalsIgnoreCase(version) && !r.id().equals(except));
        if (taken) {
            throw Problems.conflict("release-exists", "This project already has a release '" + version + "'.");
        }
    }

    private static void check(ReleaseInput input, Template template, boolean creating) {
        if (input == null) {
            throw Problems.invalidFields("Send the release.", List.of(new Problems.FieldError("version", "Required.")));
        }
        List<Problems.FieldError> errors = new ArrayList<>();
        if (creating && (input.version() == null || input.version().isBlank())) {
            errors.add(new Problems.FieldError("version", "A release needs a version, e.g. 1.0."));
        } else if (input.version() != null && !VERSION.matcher(input.version().trim()).matches()) {
            errors.add(new Problems.FieldError("version", "1 to 50 letters, digits, spaces and . _ + -, starting with a letter or digit."));
        }
        if (input.notes() != null && input.notes().length() > 10_000) {
            errors.add(new Problems.FieldError("notes", "At most 10000 characters."));
        }
        if (input.plannedOn() != null && (input.plannedOn().getYear() < 2000 || input.plannedOn().getYear() > 2200)) {
            errors.add(new Problems.FieldError("plannedOn", "A date between the years 2000 and 2200."));
        }
        if (input.links() != null) {
            if (input.links().size() > MAX_LINKS) {
                errors.add(new Problems.FieldError("links", "At most " + MAX_LINKS + " links."));
            } else {
                for (int i = 0; i < input.links().size(); i++) {
                    String link = input.links().get(i);
                    if (!known(template, link)) {
                        errors.add(new Problems.FieldError("links[" + i + "]", "Not a stage:<key> or task:<key> of this "
                                + "project's template."));
                    }
                }
            }
        }
        if (!errors.isEmpty()) {
            throw Problems.invalidFields("The release has invalid values.", errors);
        }
    }

    private static boolean known(Template template, String link) {
        if (link == null || link.length() > 120) {
            return false;
        }
        if (link.startsWith("stage:")) {
            return template.stage(link.substring(6)).isPresent();
        }
        if (link.startsWith("task:")) {
            String key = link.substring(5);
            return template.stages().stream().flatMap(s -> s.tasks().stream()).anyMatch(t -> t.key().equals(key));
        }
        return false;
    }

    private static Set<String> links(List<String> given) {
        return given == null ? Set.of() : new LinkedHashSet<>(given);
    }

    /** The releases of a project linked to a stage, directly or through one of its tasks. */
    @Transactional(readOnly = true)
    List<ProjectRelease> linkedTo(String projectId, Stage stage) {
        Set<String> keys = new LinkedHashSet<>();
        keys.add("stage:" + stage.key());
        stage.tasks().forEach(t -> keys.add("task:" + t.key()));
        return releases.findByProjectIdOrderByPlannedOnAscCreatedAtAsc(projectId).stream()
                .filter(r -> r.links().stream().anyMatch(keys::contains)).toList();
    }

    @Transactional(readOnly = true)
    List<ProjectRelease> all(String projectId) {
        return releases.findByProjectIdOrderByPlannedOnAscCreatedAtAsc(projectId);
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
