package dev.textback.dispatch.optout;

import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Reads an inbound text for opt-out and opt-in keywords. Opt-out errs on the side of stopping:
 * a keyword as the whole message or as its first word ("Stop please"), or a plain-language phrase
 * anywhere ("please stop texting me"). Opt-in needs the keyword as the whole message, so a reply
 * such as "Yes please call me" stays a reply.
 */
public final class KeywordClassifier {
    public enum Kind {
        OPT_OUT,
        OPT_IN,
        /** HELP or INFO as the whole message: answered with the business's name and how to opt out. */
        HELP,
        MESSAGE
    }

    /** What the text is, and the keyword or phrase that decided it (null for a plain message). */
    public record Classification(Kind kind, String keyword) {
        public static final Classification MESSAGE = new Classification(Kind.MESSAGE, null);
    }

    static final Set<String> OPT_OUT_KEYWORDS = Set.of("STOP", "STOPALL", "UNSUBSCRIBE", "CANCEL", "END", "QUIT",
            "REVOKE", "OPTOUT");
    static final Set<String> OPT_IN_KEYWORDS = Set.of("START", "UNSTOP", "YES");
    static final Set<String> HELP_KEYWORDS = Set.of("HELP", "INFO");
    /** Matched on lower-cased words (apostrophes dropped, other punctuation as spaces). */
    static final List<String> OPT_OUT_PHRASES = List.of("stop texting", "stop messaging", "stop sending",
            "stop contacting", "do not text", "dont text", "do not message", "dont message", "do not contact",
            "dont contact", "unsubscribe me", "opt out", "opt me out", "remove me from", "take me off",
            "no more texts", "no more messages", "leave me alone");

    private KeywordClassifier() {
    }

    public static Classification classify(String text) {
        if (text == null) {
            return Classification.MESSAGE;
        }
        String whole = trimNonAlphanumeric(text).toUpperCase(Locale.ROOT);
        if (whole.isEmpty()) {
            return Classification.MESSAGE;
        }
        String firstWord = trimNonAlphanumeric(whole.split("\\s+", 2)[0]);
        if (OPT_OUT_KEYWORDS.contains(whole)) {
            return new Classification(Kind.OPT_OUT, whole);
        }
        if (OPT_OUT_KEYWORDS.contains(firstWord)) {
            return new Classification(Kind.OPT_OUT, firstWord);
        }
        String words = " " + words(text) + " ";
        for (String phrase : OPT_OUT_PHRASES) {
            if (words.contains(" " + phrase + " ")) {
                return new Classification(Kind.OPT_OUT, phrase);
            }
        }
        if (OPT_IN_KEYWORDS.contains(whole)) {
            return new Classification(Kind.OPT_IN, whole);
        }
        if (HELP_KEYWORDS.contains(whole)) {
            return new Classification(Kind.HELP, whole);
        }
        return Classification.MESSAGE;
    }

    private static String trimNonAlphanumeric(String s) {
        return s.replaceAll("^[^\\p{L}\\p{N}]+|[^\\p{L}\\p{N}]+$", "");
    }

    private static String words(String s) {
        return s.toLowerCase(Locale.ROOT).replaceAll("['’]", "").replaceAll("[^\\p{L}\\p{N}]+", " ").strip();
    }
}
