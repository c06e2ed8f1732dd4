package dev.textback.ingest.webhook;

import java.io.IOException;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Parses webhook bodies with tight limits (nesting depth, number and string length) so a hostile
 * body costs little and ends as a 400, not as a stack overflow or a 500.
 */
@ApplicationScoped
public class JsonBodies {
    private final ObjectMapper mapper;

    JsonBodies(ObjectMapper mapper) {
        this.mapper = mapper.copy();
        this.mapper.getFactory().setStreamReadConstraints(StreamReadConstraints.builder()
                .maxNestingDepth(32)
                .maxNumberLength(64)
                .maxStringLength(64 * 1024)
                .build());
    }

    public JsonNode read(byte[] body) {
        if (body == null || body.length == 0) {
            throw new InvalidWebhook("body", "is empty");
        }
        try {
            JsonNode node = mapper.readTree(body);
            if (node == null || node.isMissingNode()) {
                throw new InvalidWebhook("body", "is empty");
            }
            return node;
        } catch (IOException | RuntimeException e) {
            if (e instanceof InvalidWebhook invalid) {
                throw invalid;
            }
            throw new InvalidWebhook("body", "is not valid JSON");
        }
    }
}
