package dev.textback.metrics.report;

import java.time.LocalDate;
import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(name = "StepReport", description = "Sequence performance of the cohort, per follow-up step")
public record StepReport(String businessId, LocalDate from, LocalDate to, List<StepRow> steps) {
}
