package dev.textback.access;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;

/**
 * RSA key pairs for RS256 tokens, as PEM files: {@value #PRIVATE_FILE} (PKCS#8, readable by the
 * owner only) signs, {@value #PUBLIC_FILE} (X.509 SubjectPublicKeyInfo) is what every service is
 * given in {@code MP_JWT_VERIFY_PUBLICKEY_LOCATION}. Key pairs are generated where they are used and
 * never committed.
 */
public final class KeyPairs {
    public static final String PRIVATE_FILE = "jwt-private.pem";
    public static final String PUBLIC_FILE = "jwt-public.pem";
    private static final int BITS = 2048;

    private KeyPairs() {
    }

    public static KeyPair generate() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(BITS);
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("RSA is not available", e);
        }
    }

    /** Generates a pair and writes both PEM files into {@code dir}; returns the pair. */
    public static KeyPair writeNew(Path dir) {
        KeyPair pair = generate();
        try {
            Files.createDirectories(dir);
            Path privateFile = dir.resolve(PRIVATE_FILE);
            Files.deleteIfExists(privateFile);
            Files.createFile(privateFile);
            restrict(privateFile);
            Files.writeString(privateFile, pem("PRIVATE KEY", pair.getPrivate().getEncoded()), StandardCharsets.US_ASCII);
            Files.writeString(dir.resolve(PUBLIC_FILE), pem("PUBLIC KEY", pair.getPublic().getEncoded()),
                    StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new UncheckedIOException("could not write the key pair to " + dir, e);
        }
        return pair;
    }

    public static PrivateKey readPrivate(Path file) {
        try {
            return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(der(file, "PRIVATE KEY")));
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException(file + " is not a PKCS#8 RSA private key", e);
        }
    }

    public static PublicKey readPublic(Path file) {
        try {
            return KeyFactory.getInstance("RSA").generatePublic(new X509EncodedKeySpec(der(file, "PUBLIC KEY")));
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException(file + " is not an X.509 RSA public key", e);
        }
    }

    static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }

    private static byte[] der(Path file, String type) {
        try {
            String text = Files.readString(file, StandardCharsets.US_ASCII);
            String begin = "-----BEGIN " + type + "-----";
            String end = "-----END " + type + "-----";
            int from = text.indexOf(begin);
            int to = text.indexOf(end);
            if (from < 0 || to < from) {
                throw new IllegalArgumentException(file + " has no " + begin + " block");
            }
            return Base64.getMimeDecoder().decode(text.substring(from + begin.length(), to));
        } catch (IOException e) {
            throw new UncheckedIOException("could not read " + file, e);
        }
    }

    private static void restrict(Path file) {
        try {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException | IOException notPosix) {
            // Windows: the user's profile directory protects it
        }
    }
}
