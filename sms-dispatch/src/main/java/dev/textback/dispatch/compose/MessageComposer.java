package dev.textback.dispatch.compose;

import java.util.regex.Pattern;

/** Turns a template into the text a caller receives. */
public final class MessageComposer {
    static final String OPT_OUT_HINT = "Reply STOP to opt out.";
    private static final Pattern MENTIONS_STOP = Pattern.compile("\\bSTOP\\b", Pattern.CASE_INSENSITIVE);

    private MessageComposer() {
    }

    /**
     * Fills {@code {business}} and makes sure the text says how to opt out: the first text a
     * caller gets must, and a template that already mentions STOP is left as it is.
     */
    public static String compose(String template, String businessName) {
        return compose(template, businessName, null, true);
    }

    /**
     * Fills {@code {business}} and {@code {booking_link}}; the first text of a lead ({@code first})
     * always says how to opt out, follow-ups need not. A {@code {booking_link}} without a link set is
     * rendered as nothing rather than sent as a raw placeholder (crm-sync rejects such templates).
     */
    public static String compose(String template, String businessName, String bookingLink, boolean first) {
        String body = (template == null ? "" : template)
                .replace("{business}", businessName == null ? "" : businessName)
                .replace("{booking_link}", bookingLink == null ? "" : bookingLink)
                .replaceAll("[ \t]{2,}", " ")
                .strip();
        if (!first || MENTIONS_STOP.matcher(body).find()) {
            return body;
        }
        return body.isEmpty() ? OPT_OUT_HINT : body + " " + OPT_OUT_HINT;
    }
}
