package dev.textback.metrics.rebuild;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonInclude;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Where a rebuild stands. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(name = "RebuildStatus")
public record RebuildStatus(
        @Schema(description = "IDLE, COPYING_SCHEMA, FOLDING, INDEXING, ROLLING_UP, CATCHING_UP, SWITCHING, DONE or FAILED") String state,
        Instant startedAt,
        Instant finishedAt,
        @Schema(description = "Records to replay: the topics' end offsets when the rebuild started") long total,
        @Schema(description = "Records replayed so far") long replayed,
        @Schema(description = "Records that could not be applied (they went to the dead-letter topic when live)") long skipped,
        @Schema(description = "replayed / total, 0..1") double progress,
        @Schema(description = "Replay rate so far, records per second") Long eventsPerSecond,
        String error) {
}
