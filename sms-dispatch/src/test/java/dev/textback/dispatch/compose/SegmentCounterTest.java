package dev.textback.dispatch.compose;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class SegmentCounterTest {

    private static SegmentCounter.Segments count(String s) {
        return SegmentCounter.count(s);
    }

    @Test
    void gsmSingleSegmentUpTo160() {
        assertEquals(new SegmentCounter.Segments(false, 1), count(""));
        assertEquals(new SegmentCounter.Segments(false, 1), count("a".repeat(160)));
        assertEquals(new SegmentCounter.Segments(false, 2), count("a".repeat(161)));
    }

    @Test
    void gsmConcatenatedSegmentsHold153() {
        assertEquals(2, count("a".repeat(306)).count());
        assertEquals(3, count("a".repeat(307)).count());
    }

    @Test
    void gsmExtensionCharactersCostTwoSeptets() {
        assertEquals(1, count("€".repeat(80)).count()); // 160 septets
        assertEquals(2, count("€".repeat(81)).count()); // 162 septets
        assertFalse(count("{}[]~^|\\€").unicode());
    }

    @Test
    void escapePairsAreNotSplitAcrossSegments() {
        // 152 plain + one extension char = 154 septets: the pair moves whole to segment two
        assertEquals(2, count("a".repeat(152) + "€" + "a".repeat(100)).count());
        // 152 + 2 + 152 = 306 septets would fit 2 x 153 exactly if the pair could be split
        assertEquals(3, count("a".repeat(152) + "€" + "a".repeat(152)).count());
    }

    @Test
    void gsmAccentsStayGsm() {
        assertFalse(count("Café à Zürich, señor Ñoño, ¿Qué tal?").unicode());
        assertTrue(count("Bogotá").unicode()); // á is not in GSM-7
    }

    @Test
    void ucs2Uses70And67() {
        String ucs = "ç"; // lower-case c cedilla is not in GSM-7 (only the capital is)
        assertTrue(count(ucs).unicode());
        assertEquals(1, count(ucs.repeat(70)).count());
        assertEquals(2, count(ucs.repeat(71)).count());
        assertEquals(2, count(ucs.repeat(134)).count());
        assertEquals(3, count(ucs.repeat(135)).count());
    }

    @Test
    void emojiAreTwoUnitsAndNeverSplit() {
        assertEquals(1, count("😀".repeat(35)).count()); // 70 units
        assertEquals(2, count("😀".repeat(36)).count());
        // 66 units then an emoji: 68 > 67, so the pair opens segment two
        assertEquals(2, count("a".repeat(66) + "😀" + "a".repeat(5)).count());
    }

    @Test
    void oneNonGsmCharacterSwitchesTheWholeText() {
        SegmentCounter.Segments s = count("a".repeat(100) + "✓");
        assertTrue(s.unicode());
        assertEquals(2, s.count());
    }
}
