package dev.textback.metrics.report;

import java.time.LocalDate;
import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(name = "VariantReport", description = "Copy performance of the cohort, per message variant; the baseline is the first variant by name")
public record VariantReport(String businessId, LocalDate from, LocalDate to, String currency, String baseline,
        List<VariantRow> variants) {
}
