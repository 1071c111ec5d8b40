package io.tollgate.engine.security.web;

import io.tollgate.engine.security.Actors;
import io.tollgate.engine.security.UserService;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;

/** The caller themself, and the people of their workspace as anyone of it may find them. */
@RestController
class MeController {

    private final UserService users;
    private final Actors actors;

    MeController(UserService users, Actors actors) {
        this.users = users;
        this.actors = actors;
    }

    @GetMapping("/api/me")
    UserService.Me me() {
        return users.me(actors.current());
    }

    @GetMapping("/api/people")
    List<UserService.Person> people(@RequestParam(required = false) String q,
                                    @RequestParam(defaultValue = "20") int limit) {
        return users.people(q, limit, actors.current());
    }
}
