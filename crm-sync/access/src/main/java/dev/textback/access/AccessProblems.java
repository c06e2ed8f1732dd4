package dev.textback.access;

import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;

/**
 * RFC 9457 problem responses for refused requests. Written as a string so this module needs no JSON
 * library and every service answers 401/403/404 for access in the same shape.
 */
public final class AccessProblems {
    public static final String MEDIA_TYPE = "application/problem+json";
    private static final String TYPE_BASE = "https://textback.dev/problems/";

    private AccessProblems() {
    }

    /** No token, or one that is expired, forged, for another issuer or unreadable. */
    public static Response unauthorized(String detail, boolean tokenWasSent) {
        String challenge = tokenWasSent ? "Bearer error=\"invalid_token\"" : "Bearer";
        return problem(401, "unauthorized", "Unauthorized", detail).header(HttpHeaders.WWW_AUTHENTICATE, challenge)
                .build();
    }

    /** A valid token whose role does not allow this operation. */
    public static Response forbidden(String detail) {
        return problem(403, "forbidden", "Forbidden", detail).build();
    }

    /**
     * A business token asking about another business. Answered exactly like a business that does not
     * exist, so a token cannot probe which business ids are in use.
     */
    public static Response businessNotFound() {
        return problem(404, "business-not-found", "Business not found",
                "No such business, or not one this token may see.").build();
    }

    static Response.ResponseBuilder problem(int status, String slug, String title, String detail) {
        return Response.status(status).type(MEDIA_TYPE).entity(json(status, slug, title, detail));
    }

    /** The problem body alone, for answers given outside the REST layer. */
    static String json(int status, String slug, String title, String detail) {
        return "{\"type\":\"" + TYPE_BASE + slug + "\",\"title\":\"" + escape(title) + "\",\"status\":" + status
                + ",\"detail\":\"" + escape(detail) + "\"}";
    }

    static String escape(String text) {
        StringBuilder sb = new StringBuilder(text.length() + 8);
        for (char c : text.toCharArray()) {
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                default -> {
                    if (c < 0x20) {
                        sb.append(String.format("\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        return sb.toString();
    }
}
