package dev.textback.dispatch.compose;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.textback.crm.events.TextTemplate;

class VariantChooserTest {
    private static final TextTemplate A = new TextTemplate("A", "a", 1);
    private static final TextTemplate B = new TextTemplate("B", "b", 3);

    @Test
    void sameCallerSameVariant() {
        for (int i = 0; i < 50; i++) {
            String caller = "+1555000" + String.format("%04d", i);
            assertSame(VariantChooser.choose("biz", caller, List.of(A, B)),
                    VariantChooser.choose("biz", caller, List.of(A, B)));
        }
    }

    @Test
    void stableAcrossRuns() {
        // pinned: a change of hash would silently move callers between variants mid-experiment
        assertEquals(6819150533120684517L, VariantChooser.stableHash("biz|+15551234567"));
    }

    @Test
    void splitFollowsWeights() {
        Map<String, Integer> counts = new HashMap<>();
        for (int i = 0; i < 4000; i++) {
            String caller = "+1555" + String.format("%07d", i);
            counts.merge(VariantChooser.choose("biz-1", caller, List.of(A, B)).variant(), 1, Integer::sum);
        }
        double shareB = counts.get("B") / 4000.0;
        assertTrue(shareB > 0.70 && shareB < 0.80, "B share " + shareB);
    }

    @Test
    void singleTemplateAlwaysChosen() {
        assertSame(A, VariantChooser.choose("biz", "+15551234567", List.of(A)));
    }

    @Test
    void zeroWeightsFallBackToTheFirst() {
        TextTemplate z1 = new TextTemplate("Z1", "z", 0);
        TextTemplate z2 = new TextTemplate("Z2", "z", 0);
        assertSame(z1, VariantChooser.choose("biz", "+15551234567", List.of(z1, z2)));
    }

    @Test
    void zeroWeightIsNeverChosenBesideOthers() {
        TextTemplate z = new TextTemplate("Z", "z", 0);
        for (int i = 0; i < 200; i++) {
            assertEquals("A", VariantChooser.choose("biz", "+1555" + String.format("%07d", i), List.of(z, A)).variant());
        }
    }

    @Test
    void noTemplatesUsesFallback() {
        assertSame(VariantChooser.FALLBACK, VariantChooser.choose("biz", "+15551234567", List.of()));
    }
}
