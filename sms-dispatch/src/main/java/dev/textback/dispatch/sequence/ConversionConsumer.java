package dev.textback.dispatch.sequence;

import java.util.concurrent.CompletionStage;

import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.ObjectMapper;

import dev.textback.crm.events.ConversionRecorded;
import dev.textback.crm.events.CrmTopic;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.reactive.messaging.ce.IncomingCloudEventMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** Reads ConversionRecorded from crm-sync: a converted lead gets no more follow-ups. Other types are ignored. */
@ApplicationScoped
public class ConversionConsumer {
    private static final Logger LOG = Logger.getLogger(ConversionConsumer.class);

    @Inject
    ConversionHandler handler;
    @Inject
    ObjectMapper mapper;

    @Incoming("crm")
    @Blocking
    public CompletionStage<Void> consume(Message<String> msg) {
        IncomingCloudEventMetadata<?> ce = msg.getMetadata(IncomingCloudEventMetadata.class).orElse(null);
        if (ce == null || !CrmTopic.CONVERSION_RECORDED.equals(ce.getType()) || msg.getPayload() == null) {
            return msg.ack();
        }
        try {
            ConversionRecorded c = mapper.readValue(msg.getPayload(), ConversionRecorded.class);
            handler.handle(ce.getId(), c);
            return msg.ack();
        } catch (Exception e) {
            LOG.errorf("ConversionRecorded %s not applied: %s", ce.getId(), e.toString());
            return msg.nack(e);
        }
    }
}
