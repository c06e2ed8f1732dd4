package dev.textback.access;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Duration;
import java.util.List;

import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.consumer.InvalidJwtException;
import org.jose4j.jwt.consumer.JwtConsumerBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Tokens the issuer signs verify with the public key alone and carry the role and businesses. */
class TokenIssuerTest {
    @TempDir
    Path dir;

    @Test
    void businessTokenCarriesRoleBusinessesIssuerAndExpiry() throws Exception {
        KeyPair pair = KeyPairs.writeNew(dir);
        String token = new TokenIssuer(KeyPairs.readPrivate(dir.resolve(KeyPairs.PRIVATE_FILE)), "https://textback.dev")
                .business("dental-app", List.of("biz-a", "biz-b"), Duration.ofHours(1));

        JwtClaims claims = verify(token, dir.resolve(KeyPairs.PUBLIC_FILE));
        assertEquals("https://textback.dev", claims.getIssuer());
        assertEquals(List.of("business"), claims.getStringListClaimValue("groups"));
        assertEquals(List.of("biz-a", "biz-b"), claims.getStringListClaimValue(TokenClaims.BUSINESSES));
        long ttl = claims.getExpirationTime().getValue() - claims.getIssuedAt().getValue();
        assertEquals(3600, ttl);
        assertEquals(pair.getPublic(), KeyPairs.readPublic(dir.resolve(KeyPairs.PUBLIC_FILE)));
    }

    @Test
    void tokenSignedWithAnotherKeyDoesNotVerify() {
        KeyPairs.writeNew(dir);
        String forged = new TokenIssuer(KeyPairs.generate().getPrivate(), "https://textback.dev")
                .admin("mallory", Duration.ofMinutes(5));
        assertThrows(InvalidJwtException.class, () -> verify(forged, dir.resolve(KeyPairs.PUBLIC_FILE)));
    }

    @Test
    void privateKeyFileIsOwnerOnly() throws Exception {
        KeyPairs.writeNew(dir);
        String perms = java.nio.file.attribute.PosixFilePermissions
                .toString(Files.getPosixFilePermissions(dir.resolve(KeyPairs.PRIVATE_FILE)));
        assertEquals("rw-------", perms);
    }

    @Test
    void cliWritesKeysAndIssuesTokens() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        assertEquals(0, TokenCli.run(new String[] {"keygen", dir.toString()}, print(out), print(err)));
        out.reset();
        int status = TokenCli.run(new String[] {"issue", "--key", dir.resolve(KeyPairs.PRIVATE_FILE).toString(),
                "--role", "business", "--business", "biz-7", "--ttl", "30m"}, print(out), print(err));
        assertEquals(0, status, err.toString(StandardCharsets.UTF_8));
        JwtClaims claims = verify(out.toString(StandardCharsets.UTF_8).trim(), dir.resolve(KeyPairs.PUBLIC_FILE));
        assertEquals(List.of("biz-7"), claims.getStringListClaimValue(TokenClaims.BUSINESSES));
        assertEquals(1800, claims.getExpirationTime().getValue() - claims.getIssuedAt().getValue());

        assertEquals(2, TokenCli.run(new String[] {"issue", "--key", dir.resolve(KeyPairs.PRIVATE_FILE).toString(),
                "--role", "business"}, print(out), print(err)), "a business token names a business");
        assertEquals(2, TokenCli.run(new String[] {"issue", "--key", "k", "--role", "root"}, print(out), print(err)));
    }

    @Test
    void ttlSyntax() {
        assertEquals(Duration.ofHours(12), TokenCli.parseTtl("12h"));
        assertEquals(Duration.ofDays(7), TokenCli.parseTtl("7d"));
        assertEquals(Duration.ofMinutes(90), TokenCli.parseTtl("PT90M"));
        assertThrows(IllegalArgumentException.class, () -> TokenCli.parseTtl("-5m"));
        assertThrows(IllegalArgumentException.class, () -> TokenCli.parseTtl("365d"));
        assertThrows(IllegalArgumentException.class, () -> TokenCli.parseTtl("soon"));
    }

    @Test
    void scopeOfAdminAndBusiness() {
        assertTrue(TokenScope.everything().canSee("anything"));
        TokenScope scope = TokenScope.of(List.of("a"));
        assertTrue(scope.canSee("a"));
        assertFalse(scope.canSee("b"));
        assertFalse(scope.canSee(null));
        assertEquals(List.of("a"), scope.visible(List.of("a", "b"), s -> s));
        assertFalse(TokenScope.NONE.canSee("a"));
    }

    @Test
    void problemJsonIsEscaped() {
        assertEquals("a\\\"b\\\\c\\n", AccessProblems.escape("a\"b\\c\n"));
    }

    private static JwtClaims verify(String token, Path publicKey) throws InvalidJwtException {
        return new JwtConsumerBuilder().setVerificationKey(KeyPairs.readPublic(publicKey))
                .setExpectedIssuer("https://textback.dev").setRequireExpirationTime().build().processToClaims(token);
    }

    private static PrintStream print(ByteArrayOutputStream out) {
        return new PrintStream(out, true, StandardCharsets.UTF_8);
    }
}
