package io.tollgate.engine.workspace;

import io.tollgate.engine.security.AppUser;
import io.tollgate.engine.security.Actors;
import io.tollgate.engine.workspace.internal.Workspaces;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.context.annotation.Profile;
import org.springframework.core.annotation.Order;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import java.util.Set;

/**
 * The demo workspace and its people, only in the embedded default profile: admin (process admin),
 * pm (project manager), alice, bob and carol (members), each with the password equal to the name.
 */
@Component
@Profile("demo")
@Order(10)
class DemoData implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(DemoData.class);
    static final String DEMO_WORKSPACE_ID = "00000000-0000-0000-0000-000000000001";

    private final Workspaces workspaces;
    private final Actors users;
    private final PasswordEncoder encoder;

    DemoData(Workspaces workspaces, Actors users, PasswordEncoder encoder) {
        this.workspaces = workspaces;
        this.users = users;
        this.encoder = encoder;
    }

    @Override
    @Transactional
    public void run(ApplicationArguments args) {
        if (workspaces.findByKey("demo").isPresent()) {
            return;
        }
        Workspace demo = workspaces.save(new Workspace(DEMO_WORKSPACE_ID, "demo", "Demo workspace",
                Set.of("timesheets", "budget", "risks", "checkin", "releases")));
        user("admin", "Ada Admin", Set.of("admin"), Set.of("admins"), demo);
        user("pm", "Pat Manager", Set.of("pm"), Set.of("managers"), demo);
        user("alice", "Alice Liu", Set.of("member"), Set.of("dev"), demo);
        user("bob", "Bob Wang", Set.of("member"), Set.of("dev"), demo);
        user("carol", "Carol Chen", Set.of("member"), Set.of("qa"), demo);
        log.info("Created the demo workspace with users admin, pm, alice, bob and carol");
    }

    private void user(String name, String display, Set<String> roles, Set<String> groups, Workspace workspace) {
        users.register(new AppUser(name, encoder.encode(name),
                display, name + "@demo.tollgate.local", workspace.id(), false), roles, groups);
    }
}
