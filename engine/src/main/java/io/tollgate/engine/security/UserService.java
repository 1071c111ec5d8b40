package io.tollgate.engine.security;

import io.tollgate.engine.security.internal.AppUsers;
import io.tollgate.engine.security.internal.Memberships;
import io.tollgate.engine.support.Problems;
import io.tollgate.engine.support.Problems.FieldError;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.http.HttpStatus;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The people of a workspace, as its admins manage them: add a new user or an existing one as a member,
 * change their roles and groups there, take them out; change, disable or reset the password of those
 * whose home workspace it is; and every user changing their own password. An admin sees only the
 * members of the workspace the request is for; anyone else is not found. Each change publishes a {@link UserEvents} record in its
 * transaction, and makes the remembered sign-ins of that user count for nothing from then on.
 */
@Service
@Transactional
public class UserService {

    private final AppUsers users;
    private final Memberships memberships;
    private final WorkspaceDirectory directory;
    private final PasswordEncoder encoder;
    private final SignInCache signIns;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    UserService(AppUsers users, Memberships memberships, WorkspaceDirectory directory, PasswordEncoder encoder,
                SignInCache signIns, ApplicationEventPublisher events, Clock clock) {
        this.users = users;
        this.memberships = memberships;
        this.directory = directory;
        this.encoder = encoder;
        this.signIns = signIns;
        this.events = events;
        this.clock = clock;
    }

    /**
     * A member as the admins of a workspace see them; never the password or its hash. {@code home}:
     * whether this is their home workspace, whose admins manage their account.
     */
    public record UserView(String username, String displayName, String email, List<String> roles, List<String> groups,
                           boolean enabled, boolean mustChangePassword, boolean home) {
        static UserView of(AppUser u, Membership m) {
            return new UserView(u.username(), u.displayName(), u.email(), sorted(m.roles()), sorted(m.groups()),
                    u.enabled(), u.mustChangePassword(), u.workspaceId().equals(m.workspaceId()));
        }
    }

    /** An existing user to add to a workspace: roles default to member, groups to none. */
    public record NewMember(String username, List<String> roles, List<String> groups) {
    }

    /** A workspace someone belongs to, with their roles there. */
    public record WorkspaceView(String id, String key, String name, List<String> roles) {
    }

    /**
     * The caller as they see themself: who, the workspace the request is for with their roles there,
     * and every workspace they belong to (to pick one with the workspace header).
     */
    public record Me(String username, String displayName, String email, boolean mustChangePassword,
                     WorkspaceView workspace, List<String> roles, List<String> groups, WorkspaceView home,
                     List<WorkspaceView> workspaces) {
    }

    /** Someone of the workspace, as anyone of it may look them up (to assign work, to mention them). */
    public record Person(String username, String displayName) {
    }

    /** A new user: roles default to member, groups to none; the password must be changed at first sign-in. */
    public record NewUser(String username, String displayName, String email, String password, List<String> roles,
                          List<String> groups) {
    }

    /**
     * What to change; what is absent stays. An empty {@code email} removes the address. The user name
     * and password are not changed here ({@code username} may repeat the name, {@code password} is refused).
     */
    public record UserChange(String username, String displayName, String email, List<String> roles, List<String> groups,
                             Boolean enabled, String password) {
    }

    /** A new password; {@code currentPassword} when users change their own. */
    public record PasswordChange(String currentPassword, String password) {
    }

    /** A group of a workspace and who is in it. */
    public record Group(String name, List<Member> members) {
    }

    /** A member of a group. */
    public record Member(String username, String displayName, boolean enabled) {
    }

    @Transactional(readOnly = true)
    public List<UserView> users(Actor actor) {
        requireAdmin(actor);
        List<Membership> members = memberships.findByWorkspaceIdOrderByUsernameAsc(actor.workspaceId());
        Map<String, AppUser> accounts = new java.util.HashMap<>();
        users.findAllById(members.stream().map(Membership::username).toList()).forEach(u -> accounts.put(u.username(), u));
        return members.stream().filter(m -> accounts.containsKey(m.username()))
                .map(m -> UserView.of(accounts.get(m.username()), m)).toList();
    }

    /**
     * Enabled people of the caller's workspace whose user name or display name contains the text
     * (all when blank), for pickers: at most {@code limit}.
     */
    @Transactional(readOnly = true)
    public List<Person> people(String text, int limit, Actor actor) {
        String q = text == null ? "" : text.strip().toLowerCase(java.util.Locale.ROOT);
        if (q.length() > 100) {
            throw Problems.invalidFields("The search text is too long.", List.of(new FieldError("q",
                    "Search with at most 100 characters.")));
        }
        String pattern = "%" + q.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
        if (q.chars().anyMatch(Character::isISOControl)) {
            return List.of();
        }
        List<Membership> found = memberships.search(actor.workspaceId(), pattern,
                org.springframework.data.domain.PageRequest.of(0, Math.max(1, Math.min(limit, 100))));
        Map<String, AppUser> accounts = new java.util.HashMap<>();
        users.findAllById(found.stream().map(Membership::username).toList()).forEach(u -> accounts.put(u.username(), u));
        return found.stream().filter(m -> accounts.containsKey(m.username()))
                .map(m -> new Person(m.username(), accounts.get(m.username()).displayName())).toList();
    }

    @Transactional(readOnly = true)
    public UserView user(String username, Actor actor) {
        requireAdmin(actor);
        Membership m = membership(username, actor);
        return UserView.of(account(m), m);
    }

    /** The groups of the caller's workspace with their members; for admins and project managers. */
    @Transactional(readOnly = true)
    public List<Group> groups(Actor actor) {
        if (!actor.isAdmin() && !actor.roles().contains("pm")) {
            throw Problems.forbidden("Only admins and project managers list the groups.");
        }
        Map<String, List<Member>> groups = new TreeMap<>();
        List<Membership> members = memberships.findByWorkspaceIdOrderByUsernameAsc(actor.workspaceId());
        Map<String, AppUser> accounts = new java.util.HashMap<>();
        users.findAllById(members.stream().map(Membership::username).toList()).forEach(u -> accounts.put(u.username(), u));
        for (Membership m : members) {
            AppUser u = accounts.get(m.username());
            for (String g : m.groups()) {
                groups.computeIfAbsent(g, k -> new ArrayList<>()).add(new Member(u.username(), u.displayName(), u.enabled()));
            }
        }
        return groups.entrySet().stream().map(e -> new Group(e.getKey(), List.copyOf(e.getValue()))).toList();
    }

    public UserView create(NewUser body, Actor actor) {
        requireAdmin(actor);
        List<FieldError> errors = new ArrayList<>();
        String username = UserRules.username(body.username(), errors);
        String displayName = UserRules.displayName(body.displayName(), errors);
        String email = UserRules.email(body.email(), errors);
        String password = UserRules.password(body.password(), "password", errors);
        Set<String> roles = UserRules.roles(body.roles(), errors);
        Set<String> groups = UserRules.groups(body.groups(), errors);
        if (!errors.isEmpty()) {
            throw Problems.invalidFields("The user cannot be added as given.", errors);
        }
        if (users.existsById(username)) {
            throw exists(username);
        }
        AppUser user = new AppUser(username, encoder.encode(password), displayName, email, actor.workspaceId(), true);
        Membership membership = new Membership(username, actor.workspaceId(), roles == null ? Set.of("member") : roles,
                groups == null ? Set.of() : groups);
        try {
            user = users.saveAndFlush(user);
            membership = memberships.saveAndFlush(membership);
        } catch (DataIntegrityViolationException e) {
            // added by someone else since the check above
            throw exists(username);
        }
        signIns.forget(username);
        events.publishEvent(new UserEvents.UserCreated(actor.workspaceId(), username, displayName,
                sorted(membership.roles()), sorted(membership.groups()), actor.username(), now()));
        return UserView.of(user, membership);
    }

    @Transactional(readOnly = true)
    public Me me(Actor actor) {
        AppUser user = users.findById(actor.username()).orElseThrow();
        List<WorkspaceView> theirs = new ArrayList<>();
        for (Membership m : memberships.findByUsernameOrderByWorkspaceIdAsc(actor.username())) {
            directory.byId(m.workspaceId()).ifPresent(w -> theirs.add(new WorkspaceView(w.id(), w.key(), w.name(),
                    sorted(m.roles()))));
        }
        theirs.sort(java.util.Comparator.comparing(WorkspaceView::key));
        WorkspaceView current = theirs.stream().filter(w -> w.id().equals(actor.workspaceId())).findFirst().orElseThrow();
        WorkspaceView home = theirs.stream().filter(w -> w.id().equals(user.workspaceId())).findFirst().orElse(current);
        return new Me(user.username(), user.displayName(), user.email(), user.mustChangePassword(), current,
                sorted(actor.roles()), sorted(actor.groups()), home, List.copyOf(theirs));
    }

    /** The admin who created a workspace becomes its first admin. */
    public void found(String workspaceId, Actor actor) {
        Membership membership = memberships.saveAndFlush(new Membership(actor.username(), workspaceId, Set.of("admin"),
                Set.of()));
        signIns.forget(actor.username());
        events.publishEvent(new UserEvents.MemberAdded(workspaceId, actor.username(), sorted(membership.roles()),
                List.of(), actor.username(), now()));
    }

    /** Makes an existing user, of any workspace, a member of the caller's workspace. */
    public UserView addMember(NewMember body, Actor actor) {
        requireAdmin(actor);
        List<FieldError> errors = new ArrayList<>();
        String username = UserRules.username(body.username(), errors);
        Set<String> roles = UserRules.roles(body.roles(), errors);
        Set<String> groups = UserRules.groups(body.groups(), errors);
        if (!errors.isEmpty()) {
            throw Problems.invalidFields("The member cannot be added as given.", errors);
        }
        AppUser user = users.findById(username).orElseThrow(() -> Problems.notFound("user",
                "There is no user '" + username + "'; add a new one with POST /api/users."));
        if (memberships.existsByUsernameAndWorkspaceId(username, actor.workspaceId())) {
            throw Problems.conflict("member-exists", "'" + username + "' is a member of this workspace already.");
        }
        Membership membership = new Membership(username, actor.workspaceId(), roles == null ? Set.of("member") : roles,
                groups == null ? Set.of() : groups);
        try {
            membership = memberships.saveAndFlush(membership);
        } catch (DataIntegrityViolationException e) {
            throw Problems.conflict("member-exists", "'" + username + "' is a member of this workspace already.");
        }
        signIns.forget(username);
        events.publishEvent(new UserEvents.MemberAdded(actor.workspaceId(), username, sorted(membership.roles()),
                sorted(membership.groups()), actor.username(), now()));
        return UserView.of(user, membership);
    }

    /**
     * Takes a member out of the caller's workspace. Not the last enabled admin, not oneself, and not
     * from the only workspace someone has (disable them instead); someone leaving their home
     * workspace gets another of theirs as home.
     */
    public void removeMember(String username, Actor actor) {
        requireAdmin(actor);
        List<Membership> admins = memberships.lockEnabledAdmins(actor.workspaceId());
        Membership membership = membership(username, actor);
        if (username.equals(actor.username())) {
            throw Problems.of(HttpStatus.BAD_REQUEST, "self-lockout", "You cannot lock yourself out",
                    "You cannot take yourself out of a workspace; another admin can.", Map.of());
        }
        if (membership.isAdmin() && admins.stream().noneMatch(a -> !a.username().equals(username))) {
            throw Problems.conflict("last-admin", "'" + username + "' is the last enabled admin of this workspace; "
                    + "make someone else an admin first.");
        }
        List<Membership> theirs = memberships.findByUsernameOrderByWorkspaceIdAsc(username);
        if (theirs.size() <= 1) {
            throw Problems.conflict("last-workspace", "This is the only workspace '" + username + "' belongs to; "
                    + "disable the user instead.");
        }
        AppUser user = account(membership);
        if (user.workspaceId().equals(actor.workspaceId())) {
            user.moveHome(theirs.stream().map(Membership::workspaceId).filter(w -> !w.equals(actor.workspaceId()))
                    .findFirst().orElseThrow());
        }
        memberships.delete(membership);
        signIns.forget(username);
        events.publishEvent(new UserEvents.MemberRemoved(actor.workspaceId(), username, actor.username(), now()));
    }

    public UserView change(String username, UserChange body, Actor actor) {
        requireAdmin(actor);
        List<FieldError> errors = new ArrayList<>();
        if (body.username() != null && !body.username().equals(username)) {
            errors.add(new FieldError("username", "A user name cannot change."));
        }
        if (body.password() != null) {
            errors.add(new FieldError("password", "Set a password with POST /api/users/" + username + "/password."));
        }
        String displayName = body.displayName() == null ? null : UserRules.displayName(body.displayName(), errors);
        String email = body.email() == null ? null : UserRules.email(body.email(), errors);
        Set<String> roles = UserRules.roles(body.roles(), errors);
        Set<String> groups = UserRules.groups(body.groups(), errors);
        if (!errors.isEmpty()) {
            throw Problems.invalidFields("The user cannot be changed as given.", errors);
        }
        boolean demoting = roles != null && !roles.contains("admin");
        boolean disabling = Boolean.FALSE.equals(body.enabled());
        // first, before anything of this workspace is read into this transaction: the admins as they are now
        List<Membership> admins = demoting || disabling ? memberships.lockEnabledAdmins(actor.workspaceId()) : List.of();
        Membership membership = membership(username, actor);
        AppUser user = account(membership);
        boolean account = body.displayName() != null || body.email() != null || body.enabled() != null;
        if (account && !user.workspaceId().equals(actor.workspaceId())) {
            throw Problems.forbidden("'" + username + "' belongs to this workspace as a member; their name, address and "
                    + "sign-in are changed by an admin of their home workspace. Here you change their roles and groups.");
        }
        if (user.enabled() && membership.isAdmin() && (demoting || disabling)) {
            if (admins.stream().noneMatch(a -> !a.username().equals(user.username()))) {
                throw Problems.conflict("last-admin", "'" + username + "' is the last enabled admin of this workspace; "
                        + "make someone else an admin first.");
            }
            if (user.username().equals(actor.username())) {
                List<FieldError> own = new ArrayList<>();
                if (demoting) {
                    own.add(new FieldError("roles", "You cannot remove your own admin role; another admin can."));
                }
                if (disabling) {
                    own.add(new FieldError("enabled", "You cannot disable yourself; another admin can."));
                }
                throw Problems.of(HttpStatus.BAD_REQUEST, "self-lockout", "You cannot lock yourself out",
                        "An admin cannot take away their own admin rights.", Map.of("errors", own));
            }
        }
        List<UserEvents.Change> changes = new ArrayList<>();
        if (displayName != null && !displayName.equals(user.displayName())) {
            changes.add(new UserEvents.Change("displayName", user.displayName(), displayName));
            user.changeDisplayName(displayName);
        }
        if (body.email() != null && !Objects.equals(email, user.email())) {
            changes.add(new UserEvents.Change("email", user.email(), email));
            user.changeEmail(email);
        }
        if (roles != null && !roles.equals(membership.roles())) {
            changes.add(new UserEvents.Change("roles", sorted(membership.roles()).toString(), sorted(roles).toString()));
            membership.assignRoles(roles);
        }
        if (groups != null && !groups.equals(membership.groups())) {
            changes.add(new UserEvents.Change("groups", sorted(membership.groups()).toString(), sorted(groups).toString()));
            membership.placeInGroups(groups);
        }
        if (body.enabled() != null && body.enabled() != user.enabled()) {
            changes.add(new UserEvents.Change("enabled", Boolean.toString(user.enabled()), body.enabled().toString()));
            if (body.enabled()) {
                user.enable();
            } else {
                user.disable();
            }
        }
        if (!changes.isEmpty()) {
            signIns.forget(username);
            events.publishEvent(new UserEvents.UserChanged(actor.workspaceId(), username, List.copyOf(changes),
                    actor.username(), now()));
        }
        return UserView.of(user, membership);
    }

    /**
     * Sets a password: users change their own (giving the current one), admins reset anyone else's in
     * their workspace, and that user must then change it before doing anything else.
     */
    public void setPassword(String username, PasswordChange body, Actor actor) {
        boolean own = username.equals(actor.username());
        if (!own && !actor.isAdmin()) {
            throw Problems.forbidden("Only an admin sets another user's password.");
        }
        AppUser user = own ? users.findById(username).orElseThrow() : account(membership(username, actor));
        if (!own && !user.workspaceId().equals(actor.workspaceId())) {
            throw Problems.forbidden("Only an admin of '" + username + "''s home workspace resets their password.");
        }
        List<FieldError> errors = new ArrayList<>();
        String password = UserRules.password(body.password(), "password", errors);
        if (own) {
            if (body.currentPassword() == null || body.currentPassword().isEmpty()) {
                errors.add(new FieldError("currentPassword", "Your current password is required."));
            } else if (!matches(body.currentPassword(), user.passwordHash())) {
                errors.add(new FieldError("currentPassword", "This is not your current password."));
            } else if (errors.isEmpty() && matches(password, user.passwordHash())) {
                errors.add(new FieldError("password", "The new password must differ from the current one."));
            }
        }
        if (!errors.isEmpty()) {
            throw Problems.invalidFields("The password cannot be set as given.", errors);
        }
        String hash = encoder.encode(password);
        signIns.forget(username);
        if (own) {
            user.changePassword(hash);
            events.publishEvent(new UserEvents.PasswordChanged(user.workspaceId(), username, now()));
        } else {
            user.resetPassword(hash);
            events.publishEvent(new UserEvents.PasswordReset(user.workspaceId(), username, actor.username(), now()));
        }
    }

    private boolean matches(String raw, String hash) {
        try {
            return encoder.matches(raw, hash);
        } catch (IllegalArgumentException e) {
            // a password BCrypt refuses to look at (too long) is not the one stored
            return false;
        }
    }

    /** A member of the caller's workspace; anyone else is not found, as if they did not exist. */
    private Membership membership(String username, Actor actor) {
        // no user has such a name, and PostgreSQL cannot even look up one with a NUL in it
        boolean possible = username.length() <= 100 && username.chars().noneMatch(Character::isISOControl);
        return (possible ? memberships.findByUsernameAndWorkspaceId(username, actor.workspaceId()) : Optional.<Membership>empty())
                .orElseThrow(() -> Problems.notFound("user", possible
                        ? "There is no user '" + username + "' in this workspace." : "There is no such user."));
    }

    private AppUser account(Membership membership) {
        return users.findById(membership.username()).orElseThrow();
    }

    private static void requireAdmin(Actor actor) {
        if (!actor.isAdmin()) {
            throw Problems.forbidden("Only an admin manages people.");
        }
    }

    private static RuntimeException exists(String username) {
        return Problems.conflict("user-exists", "There is a user '" + username + "' already; user names are unique "
                + "across Tollgate. To add them to this workspace, POST /api/workspaces/{key}/members.");
    }

    private static List<String> sorted(Set<String> values) {
        return List.copyOf(new TreeSet<>(values));
    }

    private Instant now() {
        return clock.instant();
    }
}
