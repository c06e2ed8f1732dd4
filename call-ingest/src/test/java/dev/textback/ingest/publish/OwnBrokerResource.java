package dev.textback.ingest.publish;

import java.io.IOException;
import java.nio.file.Files;
import java.util.Map;

import dev.textback.infra.KafkaBroker;
import dev.textback.infra.TextbackTopics;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * A broker of this test's own, so it can be frozen and killed without disturbing the broker every
 * other test shares. Both channels are pointed at it.
 */
public class OwnBrokerResource implements QuarkusTestResourceLifecycleManager {
    static KafkaBroker broker;

    @Override
    public Map<String, String> start() {
        try {
            broker = KafkaBroker.start(Files.createTempDirectory("textback-own-broker"), 0,
                    System.getProperty("java.class.path"), 256);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        TextbackTopics.ensure(broker.bootstrapServers());
        return Map.of("textback.calls.producer.bootstrap.servers", broker.bootstrapServers(),
                "mp.messaging.incoming.businesses.bootstrap.servers", broker.bootstrapServers());
    }

    @Override
    public void stop() {
        if (broker != null) {
            broker.close();
        }
    }
}
