package dev.textback.dispatch.lead;

import java.util.concurrent.CompletionStage;

import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.textback.calls.events.CallEnded;
import dev.textback.calls.events.CallTopic;
import dev.textback.dispatch.phone.PhoneNumbers;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.reactive.messaging.ce.IncomingCloudEventMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * Reads CallEnded events. The Kafka offset moves only after the decision committed; a record that
 * cannot be parsed, or keeps failing, goes to the dead-letter topic. Records with different keys
 * (callers) are handled concurrently, records with the same key one after the other.
 */
@ApplicationScoped
public class CallConsumer {
    private static final Logger LOG = Logger.getLogger(CallConsumer.class);
    private static final int ATTEMPTS = 3;

    @Inject
    MissedCallHandler handler;
    @Inject
    ObjectMapper mapper;
    @Inject
    MeterRegistry meters;

    @Incoming("calls")
    @io.smallrye.reactive.messaging.annotations.Blocking(ordered = false) // in order per key: throttled.ordered=key
    public CompletionStage<Void> consume(Message<String> msg) {
        IncomingCloudEventMetadata<?> ce = msg.getMetadata(IncomingCloudEventMetadata.class).orElse(null);
        if (ce == null || !CallTopic.CALL_ENDED.equals(ce.getType()) || msg.getPayload() == null) {
            return msg.ack(); // consumers ignore what they do not know
        }
        CallEnded call;
        try {
            call = mapper.readValue(msg.getPayload(), CallEnded.class);
        } catch (JsonProcessingException e) {
            LOG.errorf("CallEnded %s is not readable: %s", ce.getId(), e.getOriginalMessage());
            return msg.nack(e);
        }
        RuntimeException last = null;
        for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
            try {
                CallDecision decision = handler.handle(ce.getId(), call);
                count(decision);
                LOG.debugf("call %s from %s: %s %s", call.callId(), PhoneNumbers.mask(call.caller()), decision.kind(),
                        decision.reason() == null ? "" : decision.reason());
                return msg.ack();
            } catch (IllegalArgumentException e) {
                last = e;
                break; // bad data does not get better by retrying
            } catch (RuntimeException e) {
                last = e; // e.g. a serialization failure between concurrent transactions
                sleep(200L * attempt);
            }
        }
        LOG.errorf("CallEnded %s not applied: %s", ce.getId(), last.toString());
        return msg.nack(last);
    }

    private void count(CallDecision decision) {
        if (decision.kind() == CallDecision.Kind.SUPPRESSED) {
            meters.counter("textback.texts.suppressed", "reason", decision.reason().name()).increment();
        } else if (decision.kind() == CallDecision.Kind.TEXTED) {
            meters.counter("textback.texts.queued").increment();
            if (decision.deferredUntil() != null) {
                meters.counter("textback.texts.deferred", "reason", "QUIET_HOURS").increment();
            }
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
