package dev.textback.ingest.publish;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;

import jakarta.inject.Inject;

import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

/** The producer that acknowledges webhooks really runs with acks=all and idempotence on. */
@QuarkusTest
class ProducerConfigurationTest {
    @Inject
    CallsProducer producer;

    @Test
    void callsProducerWaitsForAllReplicasAndIsIdempotent() {
        Map<String, Object> config = producer.configuration();
        assertEquals("all", String.valueOf(config.get("acks")));
        assertEquals("true", String.valueOf(config.get("enable.idempotence")));
        assertEquals("0", String.valueOf(config.get("max.block.ms")),
                "send() runs on the event loop and must throw rather than wait for metadata or buffer space");
        assertEquals(ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class), config.get("bootstrap.servers"),
                "writes to the broker the service is configured with");
    }
}
