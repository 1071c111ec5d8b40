package io.tollgate.engine.workspace.web;

import io.tollgate.engine.security.Actor;
import io.tollgate.engine.security.Actors;
import io.tollgate.engine.security.UserService;
import io.tollgate.engine.security.WorkspaceDirectory.WorkspaceRef;
import io.tollgate.engine.workspace.WorkspaceService;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import java.net.URI;
import java.util.List;

/**
 * The caller's workspaces; creating one (admins); the members of a workspace and their roles there,
 * managed by its admins. A workspace the caller does not belong to is not found.
 */
@RestController
class WorkspaceController {

    private final WorkspaceService workspaces;
    private final UserService users;
    private final Actors actors;

    WorkspaceController(WorkspaceService workspaces, UserService users, Actors actors) {
        this.workspaces = workspaces;
        this.users = users;
        this.actors = actors;
    }

    /** What may change of a member here: their roles and groups in this workspace. */
    record MemberChange(List<String> roles, List<String> groups) {
    }

    @GetMapping("/api/workspaces")
    List<UserService.WorkspaceView> list() {
        return users.me(actors.current()).workspaces();
    }

    @PostMapping("/api/workspaces")
    ResponseEntity<WorkspaceRef> create(@RequestBody WorkspaceService.NewWorkspace body) {
        WorkspaceRef created = workspaces.create(body, actors.current());
        return ResponseEntity.created(URI.create("/api/workspaces/" + created.key())).body(created);
    }

    @GetMapping("/api/workspaces/{key}/members")
    List<UserService.UserView> members(@PathVariable String key) {
        return users.users(in(key));
    }

    @PostMapping("/api/workspaces/{key}/members")
    ResponseEntity<UserService.UserView> add(@PathVariable String key, @RequestBody UserService.NewMember body) {
        UserService.UserView member = users.addMember(body, in(key));
        return ResponseEntity.created(URI.create("/api/workspaces/" + key + "/members/" + member.username())).body(member);
    }

    @PatchMapping("/api/workspaces/{key}/members/{username}")
    UserService.UserView change(@PathVariable String key, @PathVariable String username, @RequestBody MemberChange body) {
        return users.change(username, new UserService.UserChange(null, null, null, body.roles(), body.groups(), null, null),
                in(key));
    }

    @DeleteMapping("/api/workspaces/{key}/members/{username}")
    ResponseEntity<Void> remove(@PathVariable String key, @PathVariable String username) {
        users.removeMember(username, in(key));
        return ResponseEntity.noContent().build();
    }

    /** The caller as a member of the workspace of that key. */
    private Actor in(String key) {
        return actors.resolve(actors.current().username(), key);
    }
}
