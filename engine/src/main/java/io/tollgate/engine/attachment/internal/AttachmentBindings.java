package io.tollgate.engine.attachment.internal;

import io.tollgate.engine.attachment.AttachmentBinding;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.query.Param;

import java.time.Instant;

public interface AttachmentBindings extends JpaRepository<AttachmentBinding, String> {

    /** Files one user uploaded in a workspace since a time that no project holds. */
    @Query("""
            select count(a) from Attachment a where a.workspaceId = :workspace and a.createdBy = :user
              and a.createdAt > :since
              and not exists (select 1 from AttachmentBinding b where b.attachmentId = a.id)
            """)
    long countUnbound(@Param("workspace") String workspace, @Param("user") String user, @Param("since") Instant since);
}
