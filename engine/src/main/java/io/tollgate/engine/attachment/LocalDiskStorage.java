package io.tollgate.engine.attachment;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.regex.Pattern;

/** Attachments as files in one directory ({@code tollgate.attachments.directory}, default ./data/attachments). */
public class LocalDiskStorage implements AttachmentStorage {

    private static final Pattern KEY = Pattern.compile("[a-z0-9-]{1,100}");

    private final Path directory;

    public LocalDiskStorage(Path directory) {
        this.directory = directory.toAbsolutePath().normalize();
    }

    @Override
    public void put(String key, byte[] bytes) {
        try {
            Files.createDirectories(directory);
            Path temp = Files.createTempFile(directory, "upload-", ".part");
            Files.write(temp, bytes);
            Files.move(temp, file(key), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public byte[] get(String key) {
        try {
            return Files.readAllBytes(file(key));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void delete(String key) {
        try {
            Files.deleteIfExists(file(key));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Path file(String key) {
        if (!KEY.matcher(key).matches()) {
            throw new IllegalArgumentException("Not a storage key: " + key);
        }
        return directory.resolve(key);
    }

    @Configuration
    static class Defaults {

        @Bean
        @ConditionalOnMissingBean(AttachmentStorage.class)
        AttachmentStorage localDiskStorage(@Value("${tollgate.attachments.directory:./data/attachments}") Path directory) {
            return new LocalDiskStorage(directory);
        }
    }
}
