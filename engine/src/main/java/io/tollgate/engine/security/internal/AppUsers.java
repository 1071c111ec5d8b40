package io.tollgate.engine.security.internal;

import io.tollgate.engine.security.AppUser;
import org.springframework.data.jpa.repository.JpaRepository;

public interface AppUsers extends JpaRepository<AppUser, String> {
}
