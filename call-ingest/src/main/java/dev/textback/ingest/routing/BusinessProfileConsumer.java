package dev.textback.ingest.routing;

import java.util.concurrent.CompletionStage;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.ObjectMapper;

import dev.textback.crm.events.BusinessProfile;
import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordMetadata;

/** Keeps the routing table in step with the businesses topic. */
@ApplicationScoped
public class BusinessProfileConsumer {
    private static final Logger LOG = Logger.getLogger(BusinessProfileConsumer.class);

    private final RoutingTable table;
    private final RoutingCatchUp catchUp;
    private final ObjectMapper mapper;

    BusinessProfileConsumer(RoutingTable table, RoutingCatchUp catchUp, ObjectMapper mapper) {
        this.table = table;
        this.catchUp = catchUp;
        this.mapper = mapper;
    }

    @Incoming("businesses")
    public CompletionStage<Void> onProfile(Message<String> message) {
        var metadata = message.getMetadata(IncomingKafkaRecordMetadata.class);
        String key = metadata.map(m -> m.getKey() == null ? null : String.valueOf(m.getKey())).orElse(null);
        String body = message.getPayload();
        try {
            if (body == null) {
                if (key != null) {
                    table.remove(key);
                }
            } else {
                table.apply(mapper.readValue(body, BusinessProfile.class));
            }
        } catch (Exception e) {
            LOG.warnf("skipping unreadable business profile for key %s: %s", key, e.getMessage());
        }
        metadata.ifPresent(m -> catchUp.applied(m.getPartition(), m.getOffset()));
        return message.ack();
    }
}
