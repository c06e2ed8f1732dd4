package dev.textback.manifests;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Shared by the tests: the services' facts, read once, and the checker run on one rendering. */
final class Overlays {
    private static Map<String, ServiceFacts> services;

    private Overlays() {
    }

    static synchronized Map<String, ServiceFacts> services() {
        if (services == null) {
            Map<String, ServiceFacts> m = new LinkedHashMap<>();
            Path root = Project.root();
            Project.SERVICES.forEach(s -> m.put(s, ServiceFacts.read(root, s)));
            services = m;
        }
        return services;
    }

    static List<String> check(List<Map<String, Object>> docs) {
        return ManifestChecker.check(docs, services(), Project.version());
    }
}
