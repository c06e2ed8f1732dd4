package dev.textback.access;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

import org.eclipse.microprofile.config.ConfigProvider;
import org.jboss.logging.Logger;

import io.quarkus.runtime.StartupEvent;
import io.vertx.ext.web.Router;

/**
 * Says loudly at start when the verification key is missing. The service still starts (health,
 * metrics and webhooks keep working) but fails closed: every /api request is answered 401, because
 * no token can be verified without the key.
 * <p>
 * The 401 is given here, by a route in front of /api: left to smallrye-jwt, the first request would
 * try to load the key, fail with a deployment exception outside the REST layer, and end as a 500.
 */
@Singleton
public class PublicKeyCheck {
    private static final Logger LOG = Logger.getLogger(PublicKeyCheck.class);

    void onStart(@Observes StartupEvent event) {
        missingKey().ifPresent(why -> LOG.errorf("%s: every /api request will be refused with 401", why));
    }

    void refuseApiWithoutKey(@Observes Router router) {
        if (missingKey().isEmpty()) {
            return;
        }
        String body = AccessProblems.json(401, "unauthorized", "Unauthorized",
                "This service has no key to verify tokens with; no token can be accepted.");
        // Before every other /api handler, the REST layer's included.
        router.route("/api/*").order(-1_000).handler(ctx -> ctx.response().setStatusCode(401)
                .putHeader("Content-Type", AccessProblems.MEDIA_TYPE).putHeader("WWW-Authenticate", "Bearer")
                .end(body));
    }

    /** Why no token can be verified, if so: no key configured, or a key file that cannot be read. */
    static Optional<String> missingKey() {
        var config = ConfigProvider.getConfig();
        // Quarkus defaults the inline key to the placeholder NONE: that is no key.
        Optional<String> inline = config.getOptionalValue("mp.jwt.verify.publickey", String.class)
                .filter(k -> !k.isBlank() && !k.equals("NONE"));
        Optional<String> location = config.getOptionalValue("mp.jwt.verify.publickey.location", String.class);
        if (inline.isPresent()) {
            return Optional.empty();
        }
        if (location.isEmpty()) {
            return Optional.of("No JWT verification key configured (MP_JWT_VERIFY_PUBLICKEY_LOCATION)");
        }
        String where = location.get();
        if (where.contains("://") && !where.startsWith("file:") || where.startsWith("classpath:")) {
            return Optional.empty(); // a JWKS URL or a resource: smallrye-jwt reports its own failures
        }
        Path file = Path.of(where.startsWith("file:") ? where.substring("file:".length()) : where);
        return Files.isReadable(file) ? Optional.empty()
                : Optional.of("JWT verification key " + file + " is not readable");
    }
}
