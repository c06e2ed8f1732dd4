package dev.textback.crm.intake;

import java.util.Optional;
import java.util.concurrent.CompletionStage;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

import io.smallrye.common.annotation.Blocking;
import io.smallrye.reactive.messaging.ce.IncomingCloudEventMetadata;

/**
 * Kafka entry points. Each message is applied on a worker thread (ordered, so one caller's events
 * stay in order) and acknowledged only after its transaction committed; a failure nacks it, which
 * the dead-letter-queue strategy turns into a record on textback.crm-sync.dlq.v1.
 */
@ApplicationScoped
public class EventConsumers {
    private static final Logger LOG = Logger.getLogger(EventConsumers.class);

    @Inject
    EventIntake intake;

    @Incoming("calls")
    @Blocking
    public CompletionStage<Void> calls(Message<String> message) {
        return handle(message);
    }

    @Incoming("texts")
    @Blocking
    public CompletionStage<Void> texts(Message<String> message) {
        return handle(message);
    }

    @SuppressWarnings("rawtypes")
    private CompletionStage<Void> handle(Message<String> message) {
        Optional<IncomingCloudEventMetadata> ce = message.getMetadata(IncomingCloudEventMetadata.class);
        if (ce.isEmpty() || ce.get().getId() == null) {
            LOG.warn("ignoring a record that is not a CloudEvent");
            return message.ack();
        }
        try {
            intake.apply(ce.get().getId(), ce.get().getType(), message.getPayload());
            return message.ack();
        } catch (Exception e) {
            LOG.errorf(e, "could not apply event %s (%s)", ce.get().getId(), ce.get().getType());
            return message.nack(e);
        }
    }
}
