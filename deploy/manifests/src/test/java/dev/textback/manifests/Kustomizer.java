package dev.textback.manifests;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Renders a Kustomize directory without kubectl, for machines that lack it. It supports exactly the
 * features deploy/k8s uses and refuses anything else, so a new feature in the manifests fails loudly
 * here instead of rendering differently: resources (files and directories), namespace, labels
 * (metadata only), images (newTag / newName), replicas, patches given as strategic-merge files matched
 * by kind and name (maps merge, lists are replaced, so patching a merge-keyed list is refused), and
 * configMapGenerator from files without a name hash. Where kubectl is present, {@code RendererParityTest}
 * proves both renderings give the same documents.
 */
final class Kustomizer {
    private static final Set<String> SUPPORTED = Set.of("apiVersion", "kind", "resources", "namespace", "labels",
            "images", "replicas", "patches", "configMapGenerator");
    /** Lists that strategic merge patches merge by key in Kubernetes' own types: replacing them would differ. */
    private static final Set<String> MERGE_KEYED_LISTS = Set.of("containers", "initContainers", "ephemeralContainers",
            "env", "envFrom", "volumes", "volumeMounts", "ports", "imagePullSecrets", "tolerations");
    private static final Set<String> REPLICA_KINDS = Set.of("Deployment", "StatefulSet", "ReplicaSet",
            "ReplicationController");

    private Kustomizer() {
    }

    static List<Map<String, Object>> render(Path dir) {
        Path file = dir.resolve("kustomization.yaml");
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("no kustomization.yaml in " + dir);
        }
        Map<String, Object> k = Yamls.documents(file).get(0);
        for (String key : k.keySet()) {
            if (!SUPPORTED.contains(key)) {
                throw new UnsupportedOperationException(file + ": the offline renderer does not support '" + key + "'");
            }
        }
        List<Map<String, Object>> docs = new ArrayList<>();
        for (Object r : Yamls.list(k, "resources")) {
            Path p = dir.resolve(r.toString()).normalize();
            docs.addAll(Files.isDirectory(p) ? render(p) : Yamls.documents(p));
        }
        for (Object g : Yamls.list(k, "configMapGenerator")) {
            docs.add(configMap(dir, Yamls.cast(g)));
        }
        for (Object p : Yamls.list(k, "patches")) {
            Map<String, Object> patch = Yamls.cast(p);
            if (patch.keySet().size() != 1 || !patch.containsKey("path")) {
                throw new UnsupportedOperationException(file + ": only patches given as a path are supported: " + patch);
            }
            for (Map<String, Object> pd : Yamls.documents(dir.resolve(patch.get("path").toString()))) {
                Map<String, Object> target = docs.stream()
                        .filter(d -> Yamls.id(d).equals(Yamls.id(pd)))
                        .findFirst()
                        .orElseThrow(() -> new IllegalArgumentException(file + ": patch target not found: " + Yamls.id(pd)));
                merge(target, pd, Yamls.id(pd));
            }
        }
        String namespace = Yamls.str(k, "namespace");
        if (namespace != null) {
            for (Map<String, Object> d : docs) {
                metadata(d).put("namespace", namespace);
            }
        }
        for (Object l : Yamls.list(k, "labels")) {
            Map<String, Object> spec = Yamls.cast(l);
            if (Boolean.TRUE.equals(spec.get("includeSelectors")) || Boolean.TRUE.equals(spec.get("includeTemplates"))) {
                throw new UnsupportedOperationException(file + ": labels on selectors or templates are not supported");
            }
            for (Map<String, Object> d : docs) {
                Map<String, Object> labels = childMap(metadata(d), "labels");
                labels.putAll(Yamls.map(spec, "pairs"));
            }
        }
        for (Object i : Yamls.list(k, "images")) {
            Map<String, Object> img = Yamls.cast(i);
            for (Map<String, Object> d : docs) {
                retag(d, img);
            }
        }
        for (Object r : Yamls.list(k, "replicas")) {
            Map<String, Object> rep = Yamls.cast(r);
            List<Map<String, Object>> targets = docs.stream()
                    .filter(d -> REPLICA_KINDS.contains(Yamls.kind(d)) && rep.get("name").equals(Yamls.name(d)))
                    .toList();
            if (targets.isEmpty()) {
                throw new IllegalArgumentException(file + ": replicas target not found: " + rep.get("name"));
            }
            targets.forEach(d -> childMap(d, "spec").put("replicas", rep.get("count")));
        }
        return docs;
    }

    private static Map<String, Object> configMap(Path dir, Map<String, Object> gen) {
        Map<String, Object> options = Yamls.map(gen, "options");
        if (!Boolean.TRUE.equals(options.get("disableNameSuffixHash"))) {
            throw new UnsupportedOperationException("configMapGenerator " + gen.get("name")
                    + ": only disableNameSuffixHash: true is supported (the hash is kustomize's own)");
        }
        for (String key : gen.keySet()) {
            if (!Set.of("name", "files", "options").contains(key)) {
                throw new UnsupportedOperationException("configMapGenerator: '" + key + "' is not supported");
            }
        }
        Map<String, Object> data = new LinkedHashMap<>();
        for (Object f : Yamls.list(gen, "files")) {
            Path p = dir.resolve(f.toString());
            try {
                data.put(p.getFileName().toString(), Files.readString(p));
            } catch (IOException e) {
                throw new IllegalStateException("cannot read " + p, e);
            }
        }
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put("name", gen.get("name"));
        if (!Yamls.map(options, "labels").isEmpty()) {
            metadata.put("labels", new LinkedHashMap<>(Yamls.map(options, "labels")));
        }
        Map<String, Object> cm = new LinkedHashMap<>();
        cm.put("apiVersion", "v1");
        cm.put("kind", "ConfigMap");
        cm.put("metadata", metadata);
        cm.put("data", data);
        return cm;
    }

    /** Strategic merge as far as these files need it: maps merge, null deletes, lists are replaced. */
    private static void merge(Map<String, Object> target, Map<String, Object> patch, String where) {
        for (Map.Entry<String, Object> e : patch.entrySet()) {
            String key = e.getKey();
            Object value = e.getValue();
            if (value == null) {
                target.remove(key);
            } else if (value instanceof Map && target.get(key) instanceof Map) {
                merge(Yamls.cast(target.get(key)), Yamls.cast(value), where + "." + key);
            } else {
                if (value instanceof List && MERGE_KEYED_LISTS.contains(key)) {
                    throw new UnsupportedOperationException(where + ": patching the merge-keyed list '" + key
                            + "' is not supported offline");
                }
                target.put(key, Yamls.copy(value));
            }
        }
    }

    private static void retag(Object node, Map<String, Object> img) {
        if (node instanceof Map<?, ?> m) {
            for (Map.Entry<?, ?> e : m.entrySet()) {
                if (("containers".equals(e.getKey()) || "initContainers".equals(e.getKey())) && e.getValue() instanceof List<?> cs) {
                    for (Object c : cs) {
                        Map<String, Object> container = Yamls.cast(c);
                        Object image = container.get("image");
                        if (image != null && repository(image.toString()).equals(img.get("name"))) {
                            String repo = img.containsKey("newName") ? img.get("newName").toString() : repository(image.toString());
                            String tag = img.containsKey("newTag") ? img.get("newTag").toString() : tag(image.toString());
                            container.put("image", tag == null ? repo : repo + ":" + tag);
                        }
                    }
                }
                retag(e.getValue(), img);
            }
        } else if (node instanceof List<?> l) {
            l.forEach(v -> retag(v, img));
        }
    }

    static String repository(String image) {
        int at = image.indexOf('@');
        String s = at >= 0 ? image.substring(0, at) : image;
        int colon = s.lastIndexOf(':');
        return colon > s.lastIndexOf('/') ? s.substring(0, colon) : s;
    }

    static String tag(String image) {
        if (image.contains("@")) {
            return null;
        }
        int colon = image.lastIndexOf(':');
        return colon > image.lastIndexOf('/') ? image.substring(colon + 1) : null;
    }

    private static Map<String, Object> metadata(Map<String, Object> doc) {
        return childMap(doc, "metadata");
    }

    private static Map<String, Object> childMap(Map<String, Object> parent, String key) {
        Object o = parent.get(key);
        if (o instanceof Map) {
            return Yamls.cast(o);
        }
        Map<String, Object> m = new LinkedHashMap<>();
        parent.put(key, m);
        return m;
    }
}
