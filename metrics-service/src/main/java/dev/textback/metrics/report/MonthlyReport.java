package dev.textback.metrics.report;

import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(name = "MonthlyReport", description = "12 months side by side, oldest first, each with its change from the month before")
public record MonthlyReport(String businessId, String currency, String view, List<MonthRow> months) {
}
