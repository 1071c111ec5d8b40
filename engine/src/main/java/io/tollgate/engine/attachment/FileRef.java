package io.tollgate.engine.attachment;

/**
 * A file as a form shows it: its name, checked type and size, and where to download it
 * ({@code href}: the project's address for a file a project holds, the uploader's own for one not saved yet).
 */
public record FileRef(String id, String filename, String contentType, long size, String href) {

    static FileRef ofProject(Attachment a, String projectId) {
        return new FileRef(a.id(), a.filename(), a.contentType(), a.size(),
                "/api/projects/" + projectId + "/attachments/" + a.id());
    }

    static FileRef ofUpload(Attachment a) {
        return new FileRef(a.id(), a.filename(), a.contentType(), a.size(), "/api/attachments/" + a.id());
    }
}
