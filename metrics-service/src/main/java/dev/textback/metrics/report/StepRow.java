package dev.textback.metrics.report;

import java.math.BigDecimal;

import com.fasterxml.jackson.annotation.JsonInclude;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** One step of the sequence (0 = the first text, 1.. follow-ups) for the cohort. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(name = "StepRow")
public record StepRow(
        int step,
        @Schema(description = "Leads that were sent this step") long sent,
        @Schema(description = "Leads whose first reply came after this step (and before the next)") long replied,
        @Schema(description = "Of those, leads that converted") long converted,
        @Schema(description = "replied / sent") BigDecimal replyRate,
        @Schema(description = "Leads that replied after this step or an earlier one") long cumulativeReplied,
        @Schema(description = "Converted leads that replied after this step or an earlier one") long cumulativeConverted,
        @Schema(description = "What this step added to the cohort's reply rate: replied / leads sent step 0") BigDecimal addedReplyRate,
        @Schema(description = "cumulativeReplied / leads sent step 0") BigDecimal cumulativeReplyRate) {
}
