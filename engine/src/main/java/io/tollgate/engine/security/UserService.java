package io.tollgate.engine.security;

import io.tollgate.engine.security.internal.AppUsers;
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
 * The people of a workspace, as its admins manage them: add, change, disable, reset a password; and
 * every user changing their own password. An admin sees only the people of their own workspace; a
 * user of another one is not found. Each change publishes a {@link UserEvents} record in its
 * transaction, and makes the remembered sign-ins of that user count for nothing from then on.
 */
@Service
@Transactional
public class UserService {

    private final AppUsers users;
    private final PasswordEncoder encoder;
    private final SignInCache signIns;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    UserService(AppUsers users, PasswordEncoder encoder, SignInCache signIns, ApplicationEventPublisher events,
                Clock clock) {
        this.users = users;
        this.encoder = encoder;
        this.signIns = signIns;
        this.events = events;
        this.clock = clock;
    }

    /** A user as admins see them; never the password or its hash. */
    public record UserView(String username, String displayName, String email, List<String> roles, List<String> groups,
                           boolean enabled, boolean mustChangePassword) {
        static UserView of(AppUser u) {
            return new UserView(u.username(), u.displayName(), u.email(), sorted(u.roles()), sorted(u.groups()),
                    u.enabled(), u.mustChangePassword());
        }
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
        return users.findByWorkspaceIdOrderByUsernameAsc(actor.workspaceId()).stream().map(UserView::of).toList();
    }

    @Transactional(readOnly = true)
    public UserView user(String username, Actor actor) {
        requireAdmin(actor);
        return UserView.of(load(username, actor));
    }

    /** The groups of the caller's workspace with their members; for admins and project managers. */
    @Transactional(readOnly = true)
    public List<Group> groups(Actor actor) {
        if (!actor.isAdmin() && !actor.roles().contains("pm")) {
            throw Problems.forbidden("Only admins and project managers list the groups.");
        }
        Map<String, List<Member>> groups = new TreeMap<>();
        for (AppUser u : users.findByWorkspaceIdOrderByUsernameAsc(actor.workspaceId())) {
            for (String g : u.groups()) {
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
        AppUser user = new AppUser(username, encoder.encode(password), displayName, email,
                roles == null ? Set.of("member") : roles, actor.workspaceId(), groups == null ? Set.of() : groups, true);
        try {
            user = users.saveAndFlush(user);
        } catch (DataIntegrityViolationException e) {
            // added by someone else since the check above
            throw exists(username);
        }
        signIns.forget(username);
        events.publishEvent(new UserEvents.UserCreated(actor.workspaceId(), username, displayName, sorted(user.roles()),
                sorted(user.groups()), actor.username(), now()));
        return UserView.of(user);
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
        List<AppUser> admins = demoting || disabling ? users.lockEnabledAdmins(actor.workspaceId()) : List.of();
        AppUser user = load(username, actor);
        if (user.enabled() && user.isAdmin() && (demoting || disabling)) {
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
        if (roles != null && !roles.equals(user.roles())) {
            changes.add(new UserEvents.Change("roles", sorted(user.roles()).toString(), sorted(roles).toString()));
            user.assignRoles(roles);
        }
        if (groups != null && !groups.equals(user.groups())) {
            changes.add(new UserEvents.Change("groups", sorted(user.groups()).toString(), sorted(groups).toString()));
            user.placeInGroups(groups);
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
            events.publishEvent(new UserEvents.UserChanged(user.workspaceId(), username, List.copyOf(changes),
                    actor.username(), now()));
        }
        return UserView.of(user);
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
        AppUser user = load(username, actor);
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

    /** A user of the caller's workspace; one of another workspace is not found, as if it did not exist. */
    private AppUser load(String username, Actor actor) {
        // no user has such a name, and PostgreSQL cannot even look up one with a NUL in it
        boolean possible = username.length() <= 100 && username.chars().noneMatch(Character::isISOControl);
        return (possible ? users.findById(username) : Optional.<AppUser>empty())
                .filter(u -> u.workspaceId().equals(actor.workspaceId()))
                .orElseThrow(() -> Problems.notFound("user", possible
                        ? "There is no user '" + username + "' in this workspace." : "There is no such user."));
    }

    private static void requireAdmin(Actor actor) {
        if (!actor.isAdmin()) {
            throw Problems.forbidden("Only an admin manages people.");
        }
    }

    private static RuntimeException exists(String username) {
        return Problems.conflict("user-exists", "There is a user '" + username + "' already; user names are unique "
                + "across Tollgate.");
    }

    private static List<String> sorted(Set<String> values) {
        return List.copyOf(new TreeSet<>(values));
    }

    private Instant now() {
        return clock.instant();
    }
}
