package dev.textback.dispatch.support;

import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/** Starts the Vonage stub before Quarkus and points the real Vonage SDK (and the records lookup) at it. */
public class VonageStubResource implements QuarkusTestResourceLifecycleManager {
    public static final String API_KEY = "test-key";
    public static final String API_SECRET = "test-secret";
    private static volatile VonageStub stub;

    public static VonageStub stub() {
        return stub;
    }

    @Override
    public Map<String, String> start() {
        stub = VonageStub.start();
        return Map.of("textback.vonage.base-url", stub.baseUrl(), "textback.vonage.reports-url", stub.baseUrl(),
                "textback.vonage.api-key", API_KEY,
                "textback.vonage.api-secret", API_SECRET);
    }

    @Override
    public void stop() {
        if (stub != null) {
            stub.stop();
        }
    }
}
