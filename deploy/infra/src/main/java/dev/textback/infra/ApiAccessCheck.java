package dev.textback.infra;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.restassured.RestAssured;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

/**
 * Proves the access rules on every /api endpoint of a service, found by {@link ApiEndpoints}, inside
 * a {@code @QuarkusTest}:
 * <ul>
 * <li>no token, an expired, forged (other key), wrong-issuer or unreadable token -> 401 problem;</li>
 * <li>a valid token without a Textback role -> 403 problem;</li>
 * <li>{@code @RolesAllowed("admin")} endpoints: a business token -> 403 problem, admin -> allowed (GET
 * only: an admin POST would really start the operation);</li>
 * <li>endpoints with {@code {businessId}}: business A on business B -> 403 or 404 problem; A on A and
 * admin on B -> neither 401 nor 403 (nor 5xx);</li>
 * <li>any other /api endpoint must be listed with {@link #coveredElsewhere} naming the test that proves
 * its business scoping (a listing filtered by token, a lookup by phone number); otherwise the check
 * fails, so a new endpoint cannot slip through unprotected.</li>
 * </ul>
 * All failures are collected and reported together.
 */
public final class ApiAccessCheck {
    private static final Pattern PARAM = Pattern.compile("\\{([A-Za-z0-9_.-]+)}");
    private static final String BUSINESS_ID = "businessId";

    private final String packagePrefix;
    private final Map<String, String> samples = new LinkedHashMap<>();
    private final Map<String, String> elsewhere = new LinkedHashMap<>();
    private final List<String> failures = new ArrayList<>();
    private final List<String> checked = new ArrayList<>();

    private ApiAccessCheck(String packagePrefix) {
        this.packagePrefix = packagePrefix;
    }

    /** Endpoints of the resource classes under this package (the service's root package). */
    public static ApiAccessCheck forPackage(String packagePrefix) {
        return new ApiAccessCheck(packagePrefix);
    }

    /** Value used for a path parameter other than {@code businessId} (default {@code x}). */
    public ApiAccessCheck sample(String pathParam, String value) {
        samples.put(pathParam, value);
        return this;
    }

    /** An endpoint without {@code {businessId}} whose business scoping {@code where} proves. */
    public ApiAccessCheck coveredElsewhere(String methodAndPath, String where) {
        elsewhere.put(methodAndPath, where);
        return this;
    }

    /** Runs every check; returns the endpoints checked, throws one AssertionError listing all failures. */
    public List<String> assertAll() {
        // every request below says exactly which token it sends, if any
        DefaultAdminToken.without(this::run);
        if (!failures.isEmpty()) {
            throw new AssertionError(failures.size() + " access failures:\n  " + String.join("\n  ", failures));
        }
        return List.copyOf(checked);
    }

    private void run() {
        List<ApiEndpoints.Endpoint> endpoints = ApiEndpoints.discover(packagePrefix).stream()
                .filter(ApiEndpoints.Endpoint::isApi).toList();
        if (endpoints.isEmpty()) {
            failures.add("no /api endpoint found under " + packagePrefix);
        }
        Set<String> keys = new java.util.HashSet<>();
        String a = "access-a-" + UUID.randomUUID();
        String b = "access-b-" + UUID.randomUUID();
        for (ApiEndpoints.Endpoint e : endpoints) {
            keys.add(e.key());
            checked.add(e.key());
            refusedWithoutValidToken(e, b);
            expect(e, b, "token without a Textback role", TestTokens.noRole(), 403);
            boolean adminOnly = e.rolesAllowed().equals(List.of("admin"));
            if (adminOnly) {
                expect(e, a, "business token on an admin-only endpoint", TestTokens.business(a), 403);
                if (e.method().equals("GET")) {
                    // only safe methods: an admin POST here would really start the operation
                    allowed(e, b, "admin", TestTokens.admin());
                }
            } else if (e.hasPathParam(BUSINESS_ID)) {
                Response r = send(e, b, TestTokens.business(a));
                if (r.statusCode() != 403 && r.statusCode() != 404 || !isProblem(r)) {
                    failures.add(e + ": business A on business B answered " + r.statusCode() + " " + body(r)
                            + " (expected a 403 or 404 problem)");
                }
                allowed(e, a, "business A on business A", TestTokens.business(a));
                allowed(e, b, "admin on business B", TestTokens.admin());
            } else if (!elsewhere.containsKey(e.key())) {
                failures.add(e + ": touches no {businessId}; scope it with BusinessAccess and name the test that proves it "
                        + "in coveredElsewhere(\"" + e.key() + "\", ...), or make it @RolesAllowed(\"admin\")");
            }
        }
        for (String stale : elsewhere.keySet()) {
            if (!keys.contains(stale)) {
                failures.add("coveredElsewhere(\"" + stale + "\") names no endpoint of this service");
            }
        }
    }

    private void refusedWithoutValidToken(ApiEndpoints.Endpoint e, String business) {
        expect(e, business, "no token", null, 401);
        expect(e, business, "expired token", TestTokens.expired(), 401);
        expect(e, business, "forged token (other key)", TestTokens.forged(), 401);
        expect(e, business, "token from another issuer", TestTokens.wrongIssuer(), 401);
        expect(e, business, "unreadable token", "not.a.jwt", 401);
    }

    private void expect(ApiEndpoints.Endpoint e, String business, String what, String token, int status) {
        Response r = send(e, business, token);
        if (r.statusCode() != status || !isProblem(r)) {
            failures.add(e + ": " + what + " answered " + r.statusCode() + " " + r.contentType() + " " + body(r)
                    + " (expected a " + status + " problem)");
        } else if (status == 401 && r.header("WWW-Authenticate") == null) {
            failures.add(e + ": " + what + " answered 401 without WWW-Authenticate");
        }
    }

    private void allowed(ApiEndpoints.Endpoint e, String business, String what, String token) {
        Response r = send(e, business, token);
        if (r.statusCode() == 401 || r.statusCode() == 403 || r.statusCode() >= 500) {
            failures.add(e + ": " + what + " answered " + r.statusCode() + " " + body(r) + " (expected to be let through)");
        }
    }

    private Response send(ApiEndpoints.Endpoint e, String business, String token) {
        RequestSpecification request = RestAssured.given().urlEncodingEnabled(false);
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        if (Set.of("POST", "PUT", "PATCH").contains(e.method())) {
            request.contentType("application/json").body("{}");
        }
        return request.request(e.method(), url(e.path(), business));
    }

    String url(String template, String business) {
        Matcher m = PARAM.matcher(template);
        StringBuilder sb = new StringBuilder();
        while (m.find()) {
            String name = m.group(1);
            String value = BUSINESS_ID.equals(name) ? business : samples.getOrDefault(name, "x");
            m.appendReplacement(sb, Matcher.quoteReplacement(URLEncoder.encode(value, StandardCharsets.UTF_8)));
        }
        m.appendTail(sb);
        return sb.toString();
    }

    private static boolean isProblem(Response r) {
        String type = r.contentType();
        return type != null && type.startsWith("application/problem+json") && r.asString().contains("\"status\"");
    }

    private static String body(Response r) {
        String s = r.asString();
        return s.length() > 160 ? s.substring(0, 160) + "..." : s;
    }
}
