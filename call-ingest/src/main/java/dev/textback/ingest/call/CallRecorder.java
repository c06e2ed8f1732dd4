package dev.textback.ingest.call;

import dev.textback.calls.events.CallEnded;
import dev.textback.ingest.phone.PhoneNumbers;
import dev.textback.ingest.publish.CallPublisher;
import dev.textback.ingest.routing.BusinessRoute;
import dev.textback.ingest.routing.RoutingTable;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The one path from a classified webhook to a {@code CallEnded} on the calls topic: route by the
 * called number, normalize the caller in the business's country, publish, and only then answer.
 */
@ApplicationScoped
public class CallRecorder {
    private static final Logger LOG = Logger.getLogger(CallRecorder.class);
    private static final int MAX_CACHED_NUMBERS = 10_000;

    private final Map<String, Optional<String>> calledNumbers = new ConcurrentHashMap<>();

    private final RoutingTable routing;
    private final CallPublisher publisher;
    private final CallMetrics metrics;
    private final String defaultRegion;

    CallRecorder(RoutingTable routing, CallPublisher publisher, CallMetrics metrics,
            @ConfigProperty(name = "textback.phone.default-region") String defaultRegion) {
        this.routing = routing;
        this.publisher = publisher;
        this.metrics = metrics;
        this.defaultRegion = defaultRegion;
    }

    /** The business that owns a number as a provider sent it (E.164 with or without '+', national). */
    public Optional<BusinessRoute> route(String rawCalled) {
        return called(rawCalled).flatMap(routing::route);
    }

    /**
     * The called number in E.164. Calls go to a few business numbers, written the same way each time,
     * so their parsing (libphonenumber's validation is the most expensive step of a webhook) is
     * remembered; the cache is bounded so hostile traffic cannot grow it.
     */
    public Optional<String> called(String rawCalled) {
        if (rawCalled == null) {
            return Optional.empty();
        }
        Optional<String> known = calledNumbers.get(rawCalled);
        if (known != null) {
            return known;
        }
        Optional<String> parsed = PhoneNumbers.toE164(rawCalled, defaultRegion);
        if (calledNumbers.size() >= MAX_CACHED_NUMBERS) {
            calledNumbers.clear();
        }
        calledNumbers.put(rawCalled, parsed);
        return parsed;
    }

    public Uni<Recorded> record(IncomingCall in) {
        if (!in.classification().isFinal()) {
            String reason = switch (in.classification().kind()) {
                case UNKNOWN -> "unknown-status";
                default -> "not-final";
            };
            return ignored(in, reason);
        }
        Optional<String> called = called(in.rawCalled());
        Optional<BusinessRoute> route = called.flatMap(routing::route);
        if (route.isEmpty()) {
            LOG.infof("%s call to unrouted number %s ignored", in.provider(), PhoneNumbers.mask(in.rawCalled()));
            return ignored(in, "unrouted-number");
        }
        BusinessRoute business = route.get();
        if (in.expectedBusiness() != null && !in.expectedBusiness().equals(business.businessId())) {
            return ignored(in, "number-of-another-business");
        }
        String region = business.country() == null ? defaultRegion : business.country();
        Optional<String> caller = PhoneNumbers.toE164(in.rawCaller(), region);
        int duration = in.durationSeconds() == null ? 0 : in.durationSeconds();
        Instant endedAt = in.endedAt() == null ? Instant.now() : in.endedAt();
        CallEnded call = new CallEnded(in.callId(), in.provider(), business.businessId(), caller.orElse(null),
                caller.isPresent(), called.get(), in.classification().outcome(), in.classification().reason(),
                in.startedAt(), endedAt, duration);
        return publisher.publish(call).map(id -> {
            metrics.recorded(in.provider(), call.outcome().name());
            LOG.debugf("%s call %s from %s to business %s: %s", in.provider(), id, PhoneNumbers.mask(call.caller()),
                    call.businessId(), call.outcome());
            return Recorded.published(id, call.outcome());
        });
    }

    private Uni<Recorded> ignored(IncomingCall in, String reason) {
        return Uni.createFrom().item(ignored(in.provider(), reason));
    }

    /** A webhook that was fine but records nothing, counted by reason. */
    public Recorded ignored(String provider, String reason) {
        metrics.ignored(provider, reason);
        return Recorded.ignored(reason);
    }
}
