package dev.textback.manifests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Every overlay renders and holds together: the checker finds nothing. */
class OverlayManifestsTest {

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void overlayHoldsTogether(String overlay) {
        long start = System.nanoTime();
        List<Map<String, Object>> docs = Renderer.render(Project.overlay(overlay));
        List<String> violations = Overlays.check(docs);
        System.out.printf("overlay %s: %d documents, rendered and checked with %s in %d ms%n", overlay, docs.size(),
                Renderer.name(), (System.nanoTime() - start) / 1_000_000);
        assertEquals(List.of(), violations, () -> overlay + ":\n  " + String.join("\n  ", violations));
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void replicasFitTheOverlay(String overlay) {
        List<Map<String, Object>> docs = Renderer.render(Project.overlay(overlay));
        for (String svc : Project.SERVICES) {
            Object replicas = docs.stream()
                    .filter(d -> "Deployment".equals(Yamls.kind(d)) && svc.equals(Yamls.name(d)))
                    .map(d -> Yamls.at(d, "spec", "replicas")).findFirst().orElseThrow();
            int n = ((Number) replicas).intValue();
            if (overlay.equals("dev")) {
                assertEquals(1, n, svc + " runs one replica in dev");
            } else {
                assertTrue(n >= 2, svc + " runs several replicas in prod, has " + n);
            }
        }
    }
}
