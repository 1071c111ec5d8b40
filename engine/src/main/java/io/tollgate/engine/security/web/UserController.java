package io.tollgate.engine.security.web;

import io.tollgate.engine.security.Actors;
import io.tollgate.engine.security.UserService;
import io.tollgate.engine.security.UserService.UserView;
import io.tollgate.engine.support.Problems;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import java.net.URI;
import java.util.List;

/** Users of the caller's workspace (admins), and every user's own password. */
@RestController
class UserController {

    private final UserService users;
    private final Actors actors;

    UserController(UserService users, Actors actors) {
        this.users = users;
        this.actors = actors;
    }

    @GetMapping("/api/users")
    List<UserView> list() {
        return users.users(actors.current());
    }

    @GetMapping("/api/users/{name}")
    UserView get(@PathVariable String name) {
        return users.user(name, actors.current());
    }

    @PostMapping("/api/users")
    ResponseEntity<UserView> create(@RequestBody UserService.NewUser body) {
        UserView user = users.create(body, actors.current());
        return ResponseEntity.created(URI.create("/api/users/" + user.username())).body(user);
    }

    @PatchMapping("/api/users/{name}")
    UserView change(@PathVariable String name, @RequestBody UserService.UserChange body) {
        return users.change(name, body, actors.current());
    }

    @PostMapping("/api/users/{name}/password")
    ResponseEntity<Void> password(@PathVariable String name, @RequestBody(required = false) UserService.PasswordChange body) {
        if (body == null) {
            throw Problems.invalidFields("Send the new password.", List.of(new Problems.FieldError("password",
                    "A password is required.")));
        }
        users.setPassword(name, body, actors.current());
        return ResponseEntity.noContent().build();
    }

    @GetMapping("/api/groups")
    List<UserService.Group> groups() {
        return users.groups(actors.current());
    }
}
