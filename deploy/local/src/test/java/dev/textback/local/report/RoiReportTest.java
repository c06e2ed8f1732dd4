package dev.textback.local.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

/** The report prints each figure as metrics-service wrote it, scale included. */
class RoiReportTest {
    @Test
    void decimalsKeepTheScaleTheServiceWrote() throws Exception {
        JsonNode summary = RoiReport.MAPPER.readTree("{\"estimatedRevenue\":360.00,\"replyRate\":0.3000,\"revenue\":95.50}");
        assertEquals("360.00", summary.get("estimatedRevenue").asText());
        assertEquals("0.3000", summary.get("replyRate").asText());
        assertEquals("95.50", summary.get("revenue").asText());
    }
}
