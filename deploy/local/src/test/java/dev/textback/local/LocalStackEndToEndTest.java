package dev.textback.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.textback.local.report.RoiReport;
import dev.textback.local.stack.LocalStack;
import dev.textback.local.stack.ServiceProcess;
import dev.textback.local.stack.StackOptions;

/**
 * The four packaged services as separate processes, on the real broker and database, driven by the
 * seeded simulator: every business's ROI summary must equal the simulator's ground truth exactly.
 */
class LocalStackEndToEndTest {

    @Test
    void roiOfEveryBusinessEqualsTheSimulatorsGroundTruth() throws Exception {
        Path home = Path.of(System.getProperty("textback.home", "../..")).toAbsolutePath().normalize();
        LocalStack stack = new LocalStack(new StackOptions(home, true, 7, 30));
        List<ProcessHandle> processes = new ArrayList<>();
        boolean ok;
        try {
            ok = stack.run();
            for (ServiceProcess s : stack.services().values()) {
                ProcessHandle.of(s.pid()).ifPresent(processes::add);
            }
        } finally {
            stack.close();
        }
        List<RoiReport.Row> rows = stack.rows();
        assertEquals(3, rows.size());
        for (RoiReport.Row row : rows) {
            assertEquals(List.of(), row.mismatches(), row.truth().business().name() + " differs: " + row.actual());
            assertTrue(row.actual().get("texted").asLong() > 0, "some leads were texted");
            assertTrue(row.actual().get("missedCalls").asLong() > row.actual().get("texted").asLong(),
                    "withheld and repeat callers are not texted");
        }
        assertTrue(rows.stream().anyMatch(r -> r.actual().get("converted").asLong() > 0), "someone booked");
        assertTrue(ok, "no simulated action was refused and every figure matched");
        for (ProcessHandle p : processes) {
            assertFalse(p.isAlive(), "service process " + p.pid() + " was stopped");
        }
    }
}
