package dev.textback.infra;

import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;

/**
 * Creates Textback's topics before any service subscribes. A consumer that subscribes to a topic
 * that does not exist yet only notices it at its next metadata refresh (five minutes by default),
 * and the businesses topic must be compacted from the start, so topics are never left to
 * auto-creation. Production does the same with Strimzi {@code KafkaTopic} resources.
 */
public final class TextbackTopics {
    public static final int PARTITIONS = 3;

    private static final Map<String, Map<String, String>> TOPICS = Map.of(
            "textback.calls.v1", Map.of(),
            "textback.texts.v1", Map.of(),
            "textback.crm.v1", Map.of(),
            "textback.businesses.v1", Map.of("cleanup.policy", "compact"),
            "textback.call-ingest.dlq.v1", Map.of(),
            "textback.sms-dispatch.dlq.v1", Map.of(),
            "textback.crm-sync.dlq.v1", Map.of(),
            "textback.metrics-service.dlq.v1", Map.of());

    private TextbackTopics() {
    }

    public static Set<String> names() {
        return TOPICS.keySet();
    }

    /** Creates whichever topics are missing; existing ones are left as they are. */
    public static void ensure(String bootstrapServers) {
        Properties p = new Properties();
        p.setProperty(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        try (Admin admin = Admin.create(p)) {
            Set<String> existing = admin.listTopics().names().get(30, TimeUnit.SECONDS);
            List<NewTopic> missing = TOPICS.entrySet().stream()
                    .filter(e -> !existing.contains(e.getKey()))
                    .map(e -> new NewTopic(e.getKey(), PARTITIONS, (short) 1).configs(e.getValue()))
                    .toList();
            if (!missing.isEmpty()) {
                admin.createTopics(missing).all().get(30, TimeUnit.SECONDS);
            }
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof org.apache.kafka.common.errors.TopicExistsException)) {
                throw new IllegalStateException("could not create topics on " + bootstrapServers, e);
            }
        } catch (Exception e) {
            throw new IllegalStateException("could not create topics on " + bootstrapServers, e);
        }
    }
}
