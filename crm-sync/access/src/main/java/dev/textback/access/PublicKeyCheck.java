package dev.textback.access;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

import org.eclipse.microprofile.config.ConfigProvider;
import org.jboss.logging.Logger;

import io.quarkus.runtime.StartupEvent;

/**
 * Says loudly at start when the verification key is missing. The service still starts (health,
 * metrics and webhooks keep working) but fails closed: every /api request is answered 401, because
 * no token can be verified without the key.
 */
@Singleton
public class PublicKeyCheck {
    private static final Logger LOG = Logger.getLogger(PublicKeyCheck.class);

    void onStart(@Observes StartupEvent event) {
        var config = ConfigProvider.getConfig();
        Optional<String> inline = config.getOptionalValue("mp.jwt.verify.publickey", String.class);
        Optional<String> location = config.getOptionalValue("mp.jwt.verify.publickey.location", String.class);
        if (inline.isPresent()) {
            return;
        }
        if (location.isEmpty()) {
            LOG.error("No JWT verification key configured (MP_JWT_VERIFY_PUBLICKEY_LOCATION): every /api request will be refused with 401");
            return;
        }
        String where = location.get();
        if (where.contains("://") && !where.startsWith("file:") || where.startsWith("classpath:")) {
            return; // a JWKS URL or a resource: smallrye-jwt reports its own failures
        }
        Path file = Path.of(where.startsWith("file:") ? where.substring("file:".length()) : where);
        if (!Files.isReadable(file)) {
            LOG.errorf("JWT verification key %s is not readable: every /api request will be refused with 401", file);
        }
    }
}
