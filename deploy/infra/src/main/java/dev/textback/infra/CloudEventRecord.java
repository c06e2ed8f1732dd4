package dev.textback.infra;

import java.nio.charset.StandardCharsets;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;

/** A record read back from a topic, with its CloudEvents binary-mode headers decoded. */
public record CloudEventRecord(String topic, int partition, long offset, String key, String id, String type,
        String source, String subject, String time, String body) {

    static CloudEventRecord of(ConsumerRecord<String, String> r) {
        return new CloudEventRecord(r.topic(), r.partition(), r.offset(), r.key(), header(r, "ce_id"),
                header(r, "ce_type"), header(r, "ce_source"), header(r, "ce_subject"), header(r, "ce_time"),
                r.value());
    }

    private static String header(ConsumerRecord<String, String> r, String name) {
        Header h = r.headers().lastHeader(name);
        return h == null || h.value() == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }
}
