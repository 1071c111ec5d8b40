package io.tollgate.modeler.store;

import org.springframework.data.jpa.repository.JpaRepository;

interface TemplateDrafts extends JpaRepository<TemplateDraft, String> {
}
