package io.tollgate.engine.attachment;

import io.tollgate.engine.attachment.internal.AttachmentBindings;
import io.tollgate.engine.attachment.internal.AttachmentRecords;
import io.tollgate.engine.security.Actor;
import io.tollgate.engine.support.Problems;
import io.tollgate.modeler.model.FieldDef;
import io.tollgate.modeler.model.FieldType;
import io.tollgate.modeler.validation.FieldValues;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Attachment fields: a field of type {@code attachment} holds the id of one uploaded file. A file is
 * uploaded first (it is then the uploader's own, in their workspace, and no project's), and an
 * attachment field may take it when it is of the same workspace and either the uploader's own upload
 * or already the same project's. Saved in a project, it is bound to that project for good, and
 * whoever sees the project downloads it; nobody else does.
 */
@Service
@Transactional
public class AttachmentFields {

    /** Most files one person may have uploaded in a day that no project holds yet. */
    public static final int MAX_PENDING_UPLOADS = 100;
    /** Longest attachment id. */
    private static final int ID_LENGTH = 36;

    private final Attachments attachments;
    private final AttachmentRecords records;
    private final AttachmentBindings bindings;
    private final Clock clock;

    AttachmentFields(Attachments attachments, AttachmentRecords records, AttachmentBindings bindings, Clock clock) {
        this.attachments = attachments;
        this.records = records;
        this.bindings = bindings;
        this.clock = clock;
    }

    /** Keeps an uploaded file for a field not saved yet: checked as {@link Attachments#store} checks it. */
    public FileRef upload(String filename, byte[] bytes, Actor actor) {
        Instant now = clock.instant();
        if (bindings.countUnbound(actor.workspaceId(), actor.username(), now.minus(Duration.ofDays(1))) >= MAX_PENDING_UPLOADS) {
            throw Problems.of(HttpStatus.TOO_MANY_REQUESTS, "too-many-uploads", "Too many uploads",
                    "You uploaded " + MAX_PENDING_UPLOADS + " files in a day that no project holds yet; save or "
                            + "wait before uploading more.", Map.of());
        }
        return FileRef.ofUpload(attachments.store(filename, bytes, actor));
    }

    /** The caller's own upload that no project holds yet; 404 for anything else. */
    @Transactional(readOnly = true)
    public ResponseEntity<byte[]> ownUpload(String id, Actor actor) {
        Attachment a = attachments.find(bounded(id), actor.workspaceId())
                .filter(x -> x.createdBy().equals(actor.username()) && !bindings.existsById(x.id()))
                .orElseThrow(() -> notFound(id));
        return attachments.download(a);
    }

    /**
     * What is wrong with the attachment values among {@code values} (already checked as text by
     * {@link FieldValues}): each must name a file of the caller's workspace that is either the
     * project's already or the caller's own upload that no project holds.
     *
     * @param projectId the project the values are for, or null for a project being created
     */
    @Transactional(readOnly = true)
    public List<FieldValues.Violation> check(Map<String, Object> values, Map<String, FieldDef> defs, String projectId,
                                             Actor actor) {
        List<FieldValues.Violation> out = new ArrayList<>();
        values.forEach((key, value) -> {
            FieldDef def = defs.get(key);
            if (def == null || def.type() != FieldType.ATTACHMENT || value == null) {
                return;
            }
            Optional<Attachment> file = value instanceof String id ? attachments.find(bounded(id), actor.workspaceId())
                    : Optional.empty();
            if (file.isEmpty()) {
                out.add(new FieldValues.Violation(key, def.label() + ": there is no such file; upload it first."));
                return;
            }
            Optional<AttachmentBinding> bound = bindings.findById(file.get().id());
            if (bound.isPresent() ? !bound.get().projectId().equals(projectId)
                    : !file.get().createdBy().equals(actor.username())) {
                out.add(new FieldValues.Violation(key, def.label() + ": this file belongs to "
                        + (bound.isPresent() ? "another project" : "someone else's upload") + "; upload it again."));
            }
        });
        return out;
    }

    /** Binds the files the project's attachment fields now hold to the project (checked by {@link #check}). */
    public void bind(String projectId, String workspaceId, Map<String, Object> values, Map<String, FieldDef> defs,
                     String by) {
        Instant now = clock.instant();
        values.forEach((key, value) -> {
            FieldDef def = defs.get(key);
            if (def != null && def.type() == FieldType.ATTACHMENT && value instanceof String id
                    && records.existsById(id) && !bindings.existsById(id)) {
                bindings.save(new AttachmentBinding(id, workspaceId, projectId, key, by, now));
            }
        });
    }

    /** The files among {@code ids} that the project holds, by id. */
    @Transactional(readOnly = true)
    public Map<String, FileRef> files(String projectId, String workspaceId, Collection<String> ids) {
        Map<String, FileRef> out = new LinkedHashMap<>();
        List<String> wanted = ids.stream().filter(id -> id != null && id.length() <= ID_LENGTH).distinct().toList();
        if (wanted.isEmpty()) {
            return out;
        }
        Map<String, AttachmentBinding> bound = new LinkedHashMap<>();
        bindings.findAllById(wanted).forEach(b -> bound.put(b.attachmentId(), b));
        records.findAllById(wanted).forEach(a -> {
            AttachmentBinding b = bound.get(a.id());
            if (b != null && b.projectId().equals(projectId) && a.workspaceId().equals(workspaceId)) {
                out.put(a.id(), FileRef.ofProject(a, projectId));
            }
        });
        return out;
    }

    /** A file the project holds, as a download; 404 for any other. Who sees the project is the caller's check. */
    @Transactional(readOnly = true)
    public ResponseEntity<byte[]> download(String projectId, String workspaceId, String attachmentId) {
        Attachment a = attachments.find(bounded(attachmentId), workspaceId)
                .filter(x -> bindings.findById(x.id()).map(b -> b.projectId().equals(projectId)).orElse(false))
                .orElseThrow(() -> notFound(attachmentId));
        return attachments.download(a);
    }

    private static String bounded(String id) {
        return id == null || id.length() > ID_LENGTH ? null : id;
    }

    private static RuntimeException notFound(String id) {
        return Problems.notFound("attachment", "There is no file '" + (id == null || id.length() > ID_LENGTH
                ? "?" : id) + "' here.");
    }
}
