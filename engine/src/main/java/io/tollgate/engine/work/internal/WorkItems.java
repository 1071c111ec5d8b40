package io.tollgate.engine.work.internal;

import io.tollgate.engine.work.WorkItem;

import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.query.Param;

import java.util.Collection;
import java.util.List;
import java.util.Optional;

public interface WorkItems extends JpaRepository<WorkItem, String> {

    @Query("select w from WorkItem w where w.projectId = :projectId order by w.createdAt")
    List<WorkItem> findByProjectIdOrderByCreatedAt(@Param("projectId") String projectId);

    @Query("select w from WorkItem w where w.projectId = :projectId and w.stageKey = :stageKey")
    List<WorkItem> findByProjectIdAndStageKey(@Param("projectId") String projectId, @Param("stageKey") String stageKey);

    @Query("""
            select w from WorkItem w
            where w.projectId = :projectId and w.stageKey = :stageKey and w.kind = :kind and w.itemKey = :itemKey""")
    Optional<WorkItem> findByProjectIdAndStageKeyAndKindAndItemKey(@Param("projectId") String projectId,
                                                                    @Param("stageKey") String stageKey,
                                                                    @Param("kind") WorkItem.Kind kind,
                                                                    @Param("itemKey") String itemKey);

    @Query("select w from WorkItem w where w.engineTaskId = :engineTaskId")
    Optional<WorkItem> findByEngineTaskId(@Param("engineTaskId") String engineTaskId);

    /** Project id and stage key of an item, read without loading the item itself. */
    @Query("select w.projectId, w.stageKey from WorkItem w where w.id = :id")
    List<Object[]> placeOf(@Param("id") String id);

    /** Open items offered to someone: assigned to them, or offered to one of their principals while unassigned. */
    @Query("""
            select distinct w from WorkItem w left join w.candidates c
            where w.status = io.tollgate.engine.work.WorkItem.Status.OPEN
              and (w.assignee = :username or (w.assignee is null and c in :principals))
              and (:project is null or w.projectId = :project)
            order by w.openedAt
            """)
    List<WorkItem> inbox(@Param("username") String username, @Param("principals") Collection<String> principals,
                         @Param("project") String project);

    /**
     * {@link #inbox} for a caller in no group, whose one principal is {@code user:name}: without a
     * list parameter, Hibernate translates the query once instead of on every read.
     */
    @Query("""
            select distinct w from WorkItem w left join w.candidates c
            where w.status = io.tollgate.engine.work.WorkItem.Status.OPEN
              and (w.assignee = :username or (w.assignee is null and c = :principal))
              and (:project is null or w.projectId = :project)
            order by w.openedAt
            """)
    List<WorkItem> inboxOfUser(@Param("username") String username, @Param("principal") String principal,
                               @Param("project") String project);
}
