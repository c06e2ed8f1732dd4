package dev.textback.infra;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

import dev.textback.access.KeyPairs;

/**
 * One RSA key pair per test JVM, written to a temporary directory before Quarkus starts. The public
 * key reaches every service under test through the system property
 * {@code mp.jwt.verify.publickey.location} (which outranks application.properties); the private key
 * path is left in {@value #PRIVATE_KEY_PROPERTY} for {@link TestTokens}. Nothing is committed.
 */
public final class TestKeys {
    public static final String PUBLIC_KEY_PROPERTY = "mp.jwt.verify.publickey.location";
    public static final String PRIVATE_KEY_PROPERTY = "textback.test.jwt.private-key";

    private TestKeys() {
    }

    /** Idempotent across class loaders: the system property says the pair exists. */
    public static synchronized void ensure() {
        if (System.getProperty(PRIVATE_KEY_PROPERTY) != null) {
            return;
        }
        try {
            Path dir = Files.createTempDirectory("textback-test-jwt-");
            KeyPairs.writeNew(dir);
            dir.toFile().deleteOnExit();
            dir.resolve(KeyPairs.PRIVATE_FILE).toFile().deleteOnExit();
            dir.resolve(KeyPairs.PUBLIC_FILE).toFile().deleteOnExit();
            System.setProperty(PUBLIC_KEY_PROPERTY, dir.resolve(KeyPairs.PUBLIC_FILE).toString());
            System.setProperty(PRIVATE_KEY_PROPERTY, dir.resolve(KeyPairs.PRIVATE_FILE).toString());
        } catch (IOException e) {
            throw new UncheckedIOException("could not write the test key pair", e);
        }
    }

    static Path privateKey() {
        ensure();
        return Path.of(System.getProperty(PRIVATE_KEY_PROPERTY));
    }
}
