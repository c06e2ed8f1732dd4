package dev.textback.ingest;

import java.time.Duration;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

import dev.textback.calls.events.CallTopic;
import dev.textback.infra.CloudEventRecord;
import dev.textback.infra.TestInfrastructure;
import dev.textback.infra.TopicReader;

/** Reads what call-ingest published for one test's business. */
public final class CallsTopic {
    private CallsTopic() {
    }

    /** Waits for at least {@code min} records (min 0: looks for 2 s and returns what is there). */
    public static List<CloudEventRecord> forBusiness(String businessId, int min) {
        return TopicReader.await(TestInfrastructure.kafkaBootstrapServers(), CallTopic.NAME,
                r -> businessId.equals(r.subject()), min, Duration.ofSeconds(min == 0 ? 2 : 20));
    }

    public static JsonNode body(CloudEventRecord record) {
        try {
            return TestBusinesses.MAPPER.readTree(record.body());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
