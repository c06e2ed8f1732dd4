package dev.textback.manifests;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/** Reads multi-document YAML into plain maps and lists, the form both renderings are compared in. */
final class Yamls {
    private Yamls() {
    }

    static List<Map<String, Object>> documents(String text) {
        Yaml yaml = new Yaml(new SafeConstructor(new LoaderOptions()));
        List<Map<String, Object>> docs = new ArrayList<>();
        for (Object doc : yaml.loadAll(text)) {
            if (doc == null) {
                continue; // an empty document between two separators
            }
            if (!(doc instanceof Map)) {
                throw new IllegalArgumentException("a YAML document that is not a mapping: " + doc);
            }
            docs.add(cast(doc));
        }
        return docs;
    }

    static List<Map<String, Object>> documents(Path file) {
        try {
            return documents(Files.readString(file));
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + file, e);
        }
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> cast(Object o) {
        return (Map<String, Object>) o;
    }

    /** A deep copy, so a test can break one rendering without touching the others. */
    @SuppressWarnings("unchecked")
    static <T> T copy(T value) {
        if (value instanceof Map<?, ?> m) {
            Map<String, Object> out = new LinkedHashMap<>();
            m.forEach((k, v) -> out.put((String) k, copy(v)));
            return (T) out;
        }
        if (value instanceof List<?> l) {
            List<Object> out = new ArrayList<>();
            l.forEach(v -> out.add(copy(v)));
            return (T) out;
        }
        return value;
    }

    /** Follows a path of map keys; null when any step is missing. */
    static Object at(Object root, String... keys) {
        Object cur = root;
        for (String k : keys) {
            if (!(cur instanceof Map<?, ?> m)) {
                return null;
            }
            cur = m.get(k);
        }
        return cur;
    }

    static Map<String, Object> map(Object root, String... keys) {
        Object o = at(root, keys);
        return o instanceof Map ? cast(o) : Map.of();
    }

    @SuppressWarnings("unchecked")
    static List<Object> list(Object root, String... keys) {
        Object o = at(root, keys);
        return o instanceof List ? (List<Object>) o : List.of();
    }

    static String str(Object root, String... keys) {
        Object o = at(root, keys);
        return o == null ? null : o.toString();
    }

    static String kind(Map<String, Object> doc) {
        return str(doc, "kind");
    }

    static String name(Map<String, Object> doc) {
        return str(doc, "metadata", "name");
    }

    static String id(Map<String, Object> doc) {
        return kind(doc) + "/" + name(doc);
    }
}
