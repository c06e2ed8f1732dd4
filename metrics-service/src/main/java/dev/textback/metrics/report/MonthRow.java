package dev.textback.metrics.report;

import java.math.BigDecimal;
import java.util.Map;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import dev.textback.metrics.roi.RoiSummary;

/** One month of the side-by-side table. */
@Schema(name = "MonthRow")
public record MonthRow(
        @Schema(description = "YYYY-MM") String month,
        RoiSummary summary,
        @Schema(description = "Each figure minus the month before (rates in absolute points, e.g. 0.0250 = +2.5 points); "
                + "absent when either month has no value") Map<String, BigDecimal> change) {
}
