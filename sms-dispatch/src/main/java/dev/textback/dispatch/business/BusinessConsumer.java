package dev.textback.dispatch.business;

import java.util.concurrent.CompletionStage;

import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.ObjectMapper;

import dev.textback.crm.events.BusinessProfile;
import dev.textback.crm.events.BusinessTopic;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.reactive.messaging.ce.IncomingCloudEventMetadata;
import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** Keeps the local copy of the businesses topic: snapshots update it, tombstones delete. */
@ApplicationScoped
public class BusinessConsumer {
    private static final Logger LOG = Logger.getLogger(BusinessConsumer.class);

    @Inject
    BusinessUpdater updater;
    @Inject
    ObjectMapper mapper;

    @Incoming("businesses")
    @Blocking
    public CompletionStage<Void> consume(Message<String> msg) {
        try {
            if (msg.getPayload() == null) {
                String key = msg.getMetadata(IncomingKafkaRecordMetadata.class)
                        .map(m -> (String) m.getKey()).orElse(null);
                if (key != null) {
                    updater.delete(key);
                    LOG.infof("business %s deleted (tombstone)", key);
                }
                return msg.ack();
            }
            String type = msg.getMetadata(IncomingCloudEventMetadata.class).map(m -> m.getType()).orElse(null);
            if (!BusinessTopic.BUSINESS_PROFILE.equals(type)) {
                return msg.ack(); // not ours to understand
            }
            BusinessProfile profile = mapper.readValue(msg.getPayload(), BusinessProfile.class);
            if (profile.businessId() == null || profile.businessId().isBlank()) {
                throw new IllegalArgumentException("business profile without businessId");
            }
            updater.apply(profile);
            return msg.ack();
        } catch (Exception e) {
            LOG.errorf("business record not applied: %s", e.toString());
            return msg.nack(e);
        }
    }
}
