package dev.migrate.digest;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * SHA-256, which names and checks what the plugin keeps: migration contents, fingerprints, cluster templates, schema
 * caches and codegen workers.
 */
public final class Sha256 {

    private Sha256() {}

    /** A new digest to feed. */
    public static MessageDigest newDigest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every Java runtime has SHA-256", e);
        }
    }

    /** The digest of {@code content}. */
    public static byte[] of(byte[] content) {
        return newDigest().digest(content);
    }

    /** The first {@code bytes} bytes of the digest of {@code text} (UTF-8), in hex: a short name for it. */
    public static String shortHex(String text, int bytes) {
        return HexFormat.of().formatHex(of(text.getBytes(StandardCharsets.UTF_8)), 0, bytes);
    }
}
