package io.tollgate.engine.workspace;

import io.tollgate.engine.security.Actor;
import io.tollgate.engine.security.UserService;
import io.tollgate.engine.security.WorkspaceDirectory;
import io.tollgate.engine.support.Problems;
import io.tollgate.engine.support.Problems.FieldError;
import io.tollgate.engine.workspace.internal.Workspaces;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Lazy;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

/** Workspaces as other features reach them, and as admins create them. */
@Service
@Transactional
public class WorkspaceService implements WorkspaceDirectory {

    private static final Pattern KEY = Pattern.compile("[a-z0-9][a-z0-9-]{1,62}");

    private final Workspaces workspaces;
    private final UserService people;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    WorkspaceService(Workspaces workspaces, @Lazy UserService people,
                     ApplicationEventPublisher events, Clock clock) {
        this.workspaces = workspaces;
        this.people = people;
        this.events = events;
        this.clock = clock;
    }

    /** A new workspace: a key for requests and addresses, and a name people read. */
    public record NewWorkspace(String key, String name) {
    }

    /** The ids of every workspace, in the order of their keys. */
    @Transactional(readOnly = true)
    public List<String> ids() {
        return workspaces.findAll(org.springframework.data.domain.Sort.by("key")).stream().map(Workspace::id).toList();
    }

    /** A workspace by id, managed in the caller's transaction so its module switches can change. */
    public Workspace workspace(String id) {
        return workspaces.findById(id).orElseThrow(() -> Problems.notFound("workspace", "Unknown workspace."));
    }

    @Override
    @Transactional(readOnly = true)
    public Optional<WorkspaceRef> byKey(String key) {
        return workspaces.findByKey(key).map(WorkspaceService::ref);
    }

    @Override
    @Transactional(readOnly = true)
    public Optional<WorkspaceRef> byId(String id) {
        return workspaces.findById(id).map(WorkspaceService::ref);
    }

    /**
     * Creates a workspace, with no modules on, whose first admin is the admin creating it: an admin of
     * the workspace the request is for.
     */
    public WorkspaceRef create(NewWorkspace body, Actor actor) {
        if (!actor.isAdmin()) {
            throw Problems.forbidden("Only an admin creates workspaces.");
        }
        List<FieldError> errors = new ArrayList<>();
        String key = body.key() == null ? "" : body.key();
        if (!KEY.matcher(key).matches()) {
            errors.add(new FieldError("key", "A workspace key has 2 to 63 characters: lower-case letters a-z, digits "
                    + "and '-', starting with a letter or digit."));
        }
        String name = body.name() == null ? "" : body.name().strip();
        if (name.isEmpty() || name.length() > 200 || name.chars().anyMatch(Character::isISOControl)) {
            errors.add(new FieldError("name", "A workspace name has 1 to 200 characters and no control characters."));
        }
        if (!errors.isEmpty()) {
            throw Problems.invalidFields("The workspace cannot be created as given.", errors);
        }
        if (workspaces.findByKey(key).isPresent()) {
            throw Problems.conflict("workspace-exists", "There is a workspace '" + key + "' already.");
        }
        Workspace workspace;
        try {
            workspace = workspaces.saveAndFlush(new Workspace(UUID.randomUUID().toString(), key, name, Set.of()));
        } catch (DataIntegrityViolationException e) {
            throw Problems.conflict("workspace-exists", "There is a workspace '" + key + "' already.");
        }
        people.found(workspace.id(), actor);
        events.publishEvent(new WorkspaceEvents.WorkspaceCreated(workspace.id(), key, name, actor.username(), clock.instant()));
        return ref(workspace);
    }

    private static WorkspaceRef ref(Workspace w) {
        return new WorkspaceRef(w.id(), w.key(), w.name());
    }
}
