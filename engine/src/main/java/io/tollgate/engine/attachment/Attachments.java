package io.tollgate.engine.attachment;

import io.tollgate.engine.attachment.internal.AttachmentRecords;
import io.tollgate.engine.security.Actor;
import io.tollgate.engine.support.Problems;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.util.unit.DataSize;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Stores and serves attachments. A file is accepted only when its content is one of the allowed
 * kinds (raster images and PDF by default, recognised by their first bytes, whatever the upload
 * claims) and within the size limit; HTML, SVG and scripts never are. It is served as a download
 * with the checked type, {@code nosniff} and a sandboxing content security policy, so a browser
 * never runs it as a page. Callers check who may see the thing an attachment belongs to.
 */
@Service
@Transactional
public class Attachments {

    /** The kinds Tollgate recognises, by the bytes they start with. */
    static final Map<String, byte[][]> SIGNATURES = Map.of(
            "image/png", new byte[][]{{(byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A}},
            "image/jpeg", new byte[][]{{(byte) 0xFF, (byte) 0xD8, (byte) 0xFF}},
            "image/gif", new byte[][]{"GIF87a".getBytes(StandardCharsets.US_ASCII), "GIF89a".getBytes(StandardCharsets.US_ASCII)},
            "application/pdf", new byte[][]{"%PDF-".getBytes(StandardCharsets.US_ASCII)});

    private final AttachmentRecords records;
    private final AttachmentStorage storage;
    private final Clock clock;
    private final long maxBytes;
    private final List<String> allowed;

    Attachments(AttachmentRecords records, AttachmentStorage storage, Clock clock,
                @Value("${tollgate.attachments.max-size:10MB}") DataSize maxSize,
                @Value("${tollgate.attachments.allowed-types:image/png,image/jpeg,image/gif,image/webp,application/pdf}")
                List<String> allowed) {
        this.records = records;
        this.storage = storage;
        this.clock = clock;
        this.maxBytes = maxSize.toBytes();
        this.allowed = allowed;
    }

    /** What the API shows of an attachment. */
    public record AttachmentView(String id, String filename, String contentType, long size) {
        public static AttachmentView of(Attachment a) {
            return new AttachmentView(a.id(), a.filename(), a.contentType(), a.size());
        }
    }

    /** Checks and keeps an uploaded file; 400 for an empty file or a kind not allowed, 413 when too large. */
    public Attachment store(String filename, byte[] bytes, Actor actor) {
        if (bytes == null || bytes.length == 0) {
            throw Problems.badRequest("attachment-empty", "The file is empty.");
        }
        if (bytes.length > maxBytes) {
            throw Problems.of(HttpStatus.PAYLOAD_TOO_LARGE, "attachment-too-large", "Too large",
                    "A file is at most " + DataSize.ofBytes(maxBytes).toMegabytes() + " MB.", Map.of());
        }
        String type = kind(bytes).filter(allowed::contains).orElseThrow(() -> Problems.of(
                HttpStatus.UNSUPPORTED_MEDIA_TYPE, "attachment-type", "Type not allowed",
                "Only these kinds of file are accepted: " + String.join(", ", allowed) + ".", Map.of()));
        String id = UUID.randomUUID().toString();
        storage.put(id, bytes);
        return records.save(new Attachment(id, actor.workspaceId(), cleanName(filename, type), type, bytes.length,
                sha256(bytes), id, actor.username(), clock.instant()));
    }

    @Transactional(readOnly = true)
    public Optional<Attachment> find(String id, String workspaceId) {
        return id == null ? Optional.empty() : records.findById(id).filter(a -> a.workspaceId().equals(workspaceId));
    }

    /** The file as a download that a browser will not render as a page, whatever it holds. */
    @Transactional(readOnly = true)
    public ResponseEntity<byte[]> download(Attachment attachment) {
        return ResponseEntity.ok()
                .contentType(MediaType.parseMediaType(attachment.contentType()))
                .contentLength(attachment.size())
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment()
                        .filename(attachment.filename(), StandardCharsets.UTF_8).build().toString())
                .header("X-Content-Type-Options", "nosniff")
                .header("Content-Security-Policy", "default-src 'none'; sandbox")
                .header(HttpHeaders.CACHE_CONTROL, "private, max-age=3600")
                .body(storage.get(attachment.storageKey()));
    }

    /** The kind of file the bytes are, by their signature: never HTML, SVG or anything else a browser runs. */
    static Optional<String> kind(byte[] bytes) {
        for (Map.Entry<String, byte[][]> kind : SIGNATURES.entrySet()) {
            for (byte[] signature : kind.getValue()) {
                if (bytes.length >= signature.length && Arrays.equals(bytes, 0, signature.length, signature, 0, signature.length)) {
                    return Optional.of(kind.getKey());
                }
            }
        }
        if (bytes.length >= 12 && new String(bytes, 0, 4, StandardCharsets.US_ASCII).equals("RIFF")
                && new String(bytes, 8, 4, StandardCharsets.US_ASCII).equals("WEBP")) {
            return Optional.of("image/webp");
        }
        return Optional.empty();
    }

    /** A file name to show and download as: no path, no control characters, at most 200 characters. */
    static String cleanName(String given, String type) {
        String name = given == null ? "" : given.replace('\\', '/');
        name = name.substring(name.lastIndexOf('/') + 1).replaceAll("[\\p{Cntrl}\"]", "").trim();
        if (name.isEmpty() || name.startsWith(".")) {
            name = "attachment" + name;
        }
        if (name.length() > 200) {
            name = name.substring(name.length() - 200);
        }
        return name.isBlank() ? "attachment." + type.substring(type.indexOf('/') + 1) : name;
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
