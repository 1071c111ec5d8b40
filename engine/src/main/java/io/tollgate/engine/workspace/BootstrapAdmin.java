package io.tollgate.engine.workspace;

import io.tollgate.engine.security.AppUser;
import io.tollgate.engine.security.Actors;
import io.tollgate.engine.workspace.internal.Workspaces;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import java.util.Set;
import java.util.UUID;

/**
 * Outside the demo profile nobody is seeded; on an empty database, TOLLGATE_ADMIN_PASSWORD creates
 * a first workspace and its administrator, who then adds everyone else ({@code POST /api/users}).
 * That password sat in the environment, so the administrator must choose their own before doing
 * anything else.
 */
@Component
@Order(11)
class BootstrapAdmin implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(BootstrapAdmin.class);

    private final Workspaces workspaces;
    private final Actors users;
    private final PasswordEncoder encoder;
    private final String password;

    BootstrapAdmin(Workspaces workspaces, Actors users, PasswordEncoder encoder, Settings settings) {
        this.workspaces = workspaces;
        this.users = users;
        this.encoder = encoder;
        this.password = settings.adminPassword();
    }

    /** {@code tollgate.bootstrap.*}: the first administrator's password, for profiles without demo users. */
    @ConfigurationProperties("tollgate.bootstrap")
    record Settings(String adminPassword) {
    }

    @Override
    @Transactional
    public void run(ApplicationArguments args) {
        if (password == null || password.isBlank() || users.anyone()) {
            return;
        }
        Workspace workspace = workspaces.findByKey("main").orElseGet(() -> workspaces.save(new Workspace(
                UUID.randomUUID().toString(), "main", "Main workspace", Set.of())));
        users.register(new AppUser("admin", encoder.encode(password),
                "Administrator", null, workspace.id(), true), Set.of("admin"), Set.of());
        log.info("Created the first administrator 'admin' in workspace 'main'");
    }
}
