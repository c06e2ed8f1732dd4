package dev.textback.metrics.report;

import java.time.LocalDate;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import dev.textback.metrics.roi.RoiSummary;

@Schema(name = "RollingReport", description = "The last 7, 30 and 90 days through one day")
public record RollingReport(String businessId, LocalDate through, String view, RoiSummary last7Days,
        RoiSummary last30Days, RoiSummary last90Days) {
}
