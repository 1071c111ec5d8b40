package io.tollgate.engine.attachment.internal;

import io.tollgate.engine.attachment.Attachment;
import org.springframework.data.jpa.repository.JpaRepository;

public interface AttachmentRecords extends JpaRepository<Attachment, String> {
}
