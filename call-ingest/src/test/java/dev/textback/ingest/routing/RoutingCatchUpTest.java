package dev.textback.ingest.routing;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;

import org.junit.jupiter.api.Test;

class RoutingCatchUpTest {

    @Test
    void notCaughtUpUntilEveryPartitionReachedItsEndOffset() {
        Map<Integer, Long> targets = Map.of(0, 10L, 1, 0L, 2, 5L);
        assertFalse(RoutingCatchUp.caughtUp(targets, Map.of(), Map.of()));
        assertFalse(RoutingCatchUp.caughtUp(targets, Map.of(0, 9L, 2, 3L), Map.of()), "partition 2 is behind");
        assertTrue(RoutingCatchUp.caughtUp(targets, Map.of(0, 9L, 2, 4L), Map.of()));
        assertTrue(RoutingCatchUp.caughtUp(Map.of(0, 0L, 1, 0L), Map.of(), Map.of()), "an empty topic is caught up at once");
    }

    @Test
    void aPositionPastTheTargetCountsWhenCompactionRemovedTheLastRecord() {
        Map<Integer, Long> targets = Map.of(0, 10L);
        assertFalse(RoutingCatchUp.caughtUp(targets, Map.of(0, 7L), Map.of(0, 9L)));
        assertTrue(RoutingCatchUp.caughtUp(targets, Map.of(0, 7L), Map.of(0, 10L)));
    }
}
