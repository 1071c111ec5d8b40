package io.tollgate.engine.modules.risks.internal;

import io.tollgate.engine.modules.risks.Risk;
import org.springframework.data.jpa.repository.JpaRepository;

import java.util.List;

public interface Risks extends JpaRepository<Risk, String> {

    List<Risk> findByProjectIdOrderByCreatedAt(String projectId);
}
