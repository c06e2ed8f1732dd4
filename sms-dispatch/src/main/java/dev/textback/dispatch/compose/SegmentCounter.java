package dev.textback.dispatch.compose;

/**
 * How many SMS segments a text costs. GSM-7 texts fit 160 septets in one segment or 153 per
 * segment when concatenated (the rest carries the UDH); characters of the GSM extension table
 * take two septets and are never split across segments. Anything outside GSM-7 goes as UCS-2:
 * 70 UTF-16 units in one segment, 67 per concatenated segment, surrogate pairs kept whole.
 */
public final class SegmentCounter {
    private static final String GSM_BASIC = "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?"
            + "¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà";
    private static final String GSM_EXTENSION = "\f^{}\\[~]|€";

    /** The result: encoding and number of segments. */
    public record Segments(boolean unicode, int count) {
    }

    private SegmentCounter() {
    }

    public static Segments count(String text) {
        String s = text == null ? "" : text;
        return isGsm7(s) ? new Segments(false, pack(septetCosts(s), 160, 153))
                : new Segments(true, pack(utf16Costs(s), 70, 67));
    }

    /** True when every character is in the GSM-7 basic or extension table. */
    public static boolean isGsm7(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (GSM_BASIC.indexOf(c) < 0 && GSM_EXTENSION.indexOf(c) < 0) {
                return false;
            }
        }
        return true;
    }

    private static int[] septetCosts(String s) {
        int[] costs = new int[s.length()];
        for (int i = 0; i < s.length(); i++) {
            costs[i] = GSM_EXTENSION.indexOf(s.charAt(i)) >= 0 ? 2 : 1;
        }
        return costs;
    }

    private static int[] utf16Costs(String s) {
        return s.codePoints().map(Character::charCount).toArray();
    }

    /** Fills segments greedily with indivisible units of the given costs. */
    private static int pack(int[] costs, int single, int multi) {
        int total = 0;
        for (int c : costs) {
            total += c;
        }
        if (total <= single) {
            return 1;
        }
        int segments = 1;
        int used = 0;
        for (int c : costs) {
            if (used + c > multi) {
                segments++;
                used = 0;
            }
            used += c;
        }
        return segments;
    }
}
