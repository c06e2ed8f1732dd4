package dev.textback.manifests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The built-in renderer stands in for kubectl on machines without it; it is only honest while both
 * give the same documents, which this proves wherever kubectl is installed.
 */
class RendererParityTest {

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void builtInRendererMatchesKubectl(String overlay) {
        assumeTrue(Renderer.kubectl().isPresent(), "kubectl is not on the PATH");
        Map<String, Map<String, Object>> kubectl = byId(Renderer.kubectlKustomize(Renderer.kubectl().get(), Project.overlay(overlay)));
        Map<String, Map<String, Object>> builtIn = byId(Kustomizer.render(Project.overlay(overlay)));
        assertEquals(kubectl.keySet(), builtIn.keySet(), overlay + ": the same documents");
        for (String id : kubectl.keySet()) {
            assertEquals(kubectl.get(id), builtIn.get(id), overlay + ": " + id);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void builtInRenderingHoldsTogether(String overlay) {
        List<String> violations = Overlays.check(Kustomizer.render(Project.overlay(overlay)));
        assertEquals(List.of(), violations, () -> overlay + ":\n  " + String.join("\n  ", violations));
    }

    private static Map<String, Map<String, Object>> byId(List<Map<String, Object>> docs) {
        Map<String, Map<String, Object>> m = new TreeMap<>();
        for (Map<String, Object> d : docs) {
            String key = Yamls.str(d, "apiVersion") + " " + Yamls.id(d) + " in " + Yamls.str(d, "metadata", "namespace");
            if (m.put(key, d) != null) {
                throw new AssertionError("rendered twice: " + key);
            }
        }
        return m;
    }
}
