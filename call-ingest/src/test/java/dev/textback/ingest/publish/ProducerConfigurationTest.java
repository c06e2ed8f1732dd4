package dev.textback.ingest.publish;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.reactive.messaging.kafka.KafkaClientService;

/** The producer that acknowledges webhooks really runs with acks=all and idempotence on. */
@QuarkusTest
class ProducerConfigurationTest {
    @Inject
    KafkaClientService clients;

    @Test
    void callsProducerWaitsForAllReplicasAndIsIdempotent() {
        Map<String, ?> config = clients.getProducer("calls").configuration();
        assertEquals("all", String.valueOf(config.get("acks")));
        assertEquals("true", String.valueOf(config.get("enable.idempotence")));
        assertEquals("1000", String.valueOf(config.get("max.block.ms")), "fails fast enough for a 503 inside 2 s");
    }
}
