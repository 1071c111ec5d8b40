package io.tollgate.engine.project.internal;

import io.tollgate.engine.project.Project;

import org.springframework.data.domain.Page;
import java.util.Collection;
import org.springframework.data.domain.Pageable;
import jakarta.persistence.criteria.Join;
import jakarta.persistence.criteria.Predicate;
import jakarta.persistence.criteria.Root;
import jakarta.persistence.criteria.Subquery;
import org.springframework.data.jpa.domain.Specification;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.JpaSpecificationExecutor;
import java.util.ArrayList;
import java.util.List;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.query.Param;

public interface Projects extends JpaRepository<Project, String>, JpaSpecificationExecutor<Project> {

    /** Projects with no participants yet: rows from before participants were kept. */
    @Query("select p from Project p where p.participants is empty")
    java.util.List<Project> withoutParticipants();

    /**
     * The projects of a workspace a caller may see, filtered, as one query with only the conditions
     * asked for: no "parameter is null or" branches, so the database plans each shape on its indexes.
     */
    static Specification<Project> visible(String workspace, boolean everyone, Collection<String> principals,
                                          Project.Status status, String template, String nameContains) {
        return (root, query, cb) -> {
            List<Predicate> where = new ArrayList<>();
            where.add(cb.equal(root.get("workspaceId"), workspace));
            if (status != null) {
                where.add(cb.equal(root.get("status"), status));
            }
            if (template != null) {
                where.add(cb.equal(root.get("templateKey"), template));
            }
            if (nameContains != null) {
                where.add(cb.like(cb.lower(root.get("name")), nameContains));
            }
            if (!everyone) {
                Subquery<Integer> takesPart = query.subquery(Integer.class);
                Root<Project> m = takesPart.from(Project.class);
                Join<Project, String> x = m.join("participants");
                takesPart.select(cb.literal(1)).where(cb.equal(m, root), x.in(principals));
                where.add(cb.exists(takesPart));
            }
            return cb.and(where.toArray(Predicate[]::new));
        };
    }

    default Page<Project> search(String workspace, boolean everyone, Collection<String> principals,
                                 Project.Status status, String template, String q, Pageable page) {
        return findAll(visible(workspace, everyone, principals, status, template, q), page);
    }
}
