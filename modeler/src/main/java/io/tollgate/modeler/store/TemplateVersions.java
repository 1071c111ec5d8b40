package io.tollgate.modeler.store;

import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;

import java.util.List;
import java.util.Optional;

interface TemplateVersions extends JpaRepository<TemplateVersion, Long> {

    Optional<TemplateVersion> findByKeyAndVersion(String key, int version);

    Optional<TemplateVersion> findFirstByKeyOrderByVersionDesc(String key);

    List<TemplateVersion> findByKeyOrderByVersionAsc(String key);

    @Query("select v from TemplateVersion v where v.version = (select max(w.version) from TemplateVersion w where w.key = v.key) order by v.key")
    List<TemplateVersion> findLatestOfEach();

    boolean existsByKey(String key);
}
