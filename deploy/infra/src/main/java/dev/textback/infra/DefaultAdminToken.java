package dev.textback.infra;

import java.net.URI;
import java.util.List;

import io.quarkus.test.junit.callback.QuarkusTestBeforeEachCallback;
import io.quarkus.test.junit.callback.QuarkusTestMethodContext;
import io.restassured.RestAssured;
import io.restassured.authentication.NoAuthScheme;
import io.restassured.filter.Filter;
import io.restassured.filter.FilterContext;
import io.restassured.response.Response;
import io.restassured.specification.FilterableRequestSpecification;
import io.restassured.specification.FilterableResponseSpecification;

/**
 * Before every {@code @QuarkusTest} method: REST Assured requests to {@code /api/...} carry
 * {@link TestTokens#admin()} unless the test set an {@code Authorization} header or
 * {@code .auth()} itself, so tests about behaviour need not repeat the token. Webhook calls are left
 * alone (they carry provider signatures). Registered in
 * {@code META-INF/services/io.quarkus.test.junit.callback.QuarkusTestBeforeEachCallback}; Quarkus runs it
 * in the class loader of the test, so it sets the REST Assured the test uses.
 * <p>
 * It is a static REST Assured filter, not a request specification, because a specification built
 * here would freeze the port before Quarkus sets it. A test that proves refusals without any token
 * runs them inside {@link #without(Runnable)} (or sets its own {@code .auth()}).
 */
public class DefaultAdminToken implements QuarkusTestBeforeEachCallback {

    @Override
    public void beforeEach(QuarkusTestMethodContext context) {
        if (RestAssured.filters().stream().noneMatch(DefaultAdminToken::isOurs)) {
            RestAssured.filters(new AdminOnApi());
        }
    }

    /** Runs {@code requests} with no default token at all; restores it afterwards. */
    public static void without(Runnable requests) {
        List<Filter> before = List.copyOf(RestAssured.filters());
        RestAssured.replaceFiltersWith(before.stream().filter(f -> !isOurs(f)).toList());
        try {
            requests.run();
        } finally {
            RestAssured.replaceFiltersWith(before);
        }
    }

    private static boolean isOurs(Filter filter) {
        // by name: the filter may come from another class loader's copy of this class
        return filter.getClass().getName().equals(AdminOnApi.class.getName());
    }

    static final class AdminOnApi implements Filter {
        @Override
        public Response filter(FilterableRequestSpecification request, FilterableResponseSpecification response,
                FilterContext ctx) {
            String path = URI.create(request.getURI()).getPath();
            boolean api = path != null && (path.equals("/api") || path.startsWith("/api/"));
            boolean ownAuth = request.getHeaders().hasHeaderWithName("Authorization")
                    || request.getAuthenticationScheme() != null && !(request.getAuthenticationScheme() instanceof NoAuthScheme);
            if (api && !ownAuth) {
                request.header("Authorization", "Bearer " + TestTokens.admin());
            }
            return ctx.next(request, response);
        }
    }
}
