package io.tollgate.engine.attachment;

/**
 * Where attachment bytes live, under keys Tollgate chooses (never a file name a user gave). Local
 * disk by default ({@link LocalDiskStorage}); another bean of this type, for example an object store,
 * takes its place.
 */
public interface AttachmentStorage {

    void put(String key, byte[] bytes);

    byte[] get(String key);

    void delete(String key);
}
