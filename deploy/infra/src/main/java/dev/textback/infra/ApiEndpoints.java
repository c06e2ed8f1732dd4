package dev.textback.infra;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Finds every JAX-RS resource method of the module under test by reading its compiled classes
 * ({@code target/classes}), so an access test covers endpoints added after it was written.
 * Annotations are matched by name, not by class, because the test framework may load the resource
 * classes and jakarta.ws.rs in another class loader than this one.
 */
public final class ApiEndpoints {
    private static final String PATH = "jakarta.ws.rs.Path";
    private static final String HTTP_METHOD = "jakarta.ws.rs.HttpMethod";
    private static final String ROLES_ALLOWED = "jakarta.annotation.security.RolesAllowed";

    /** One resource method: HTTP method, full path template ({@code {name}} placeholders), roles allowed. */
    public record Endpoint(String method, String path, String resource, List<String> rolesAllowed) {
        public String key() {
            return method + " " + path;
        }

        public boolean hasPathParam(String name) {
            return path.contains("{" + name + "}");
        }

        public boolean isApi() {
            return path.equals("/api") || path.startsWith("/api/");
        }

        @Override
        public String toString() {
            return key() + " (" + resource + ")";
        }
    }

    private ApiEndpoints() {
    }

    /** Every resource method in classes under {@code packagePrefix} compiled into this module. */
    public static List<Endpoint> discover(String packagePrefix) {
        Path classes = Path.of(System.getProperty("basedir", "."), "target", "classes");
        Path root = classes.resolve(packagePrefix.replace('.', '/'));
        if (!Files.isDirectory(root)) {
            throw new IllegalStateException("no compiled classes under " + root.toAbsolutePath());
        }
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        List<Endpoint> endpoints = new ArrayList<>();
        try (Stream<Path> files = Files.walk(root)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".class")).toList()) {
                String name = classes.relativize(file).toString().replace('/', '.').replace('\\', '.');
                name = name.substring(0, name.length() - ".class".length());
                Class<?> type;
                try {
                    type = Class.forName(name, false, loader);
                } catch (ClassNotFoundException | LinkageError e) {
                    continue;
                }
                endpoints.addAll(of(type));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        endpoints.sort(Comparator.comparing(Endpoint::path).thenComparing(Endpoint::method));
        return endpoints;
    }

    static List<Endpoint> of(Class<?> type) {
        Optional<String> classPath = stringValue(type.getAnnotations(), PATH);
        if (classPath.isEmpty() || type.isInterface()) {
            return List.of();
        }
        List<String> classRoles = stringValues(type.getAnnotations(), ROLES_ALLOWED);
        List<Endpoint> result = new ArrayList<>();
        for (Method method : type.getDeclaredMethods()) {
            Optional<String> httpMethod = httpMethod(method.getAnnotations());
            if (httpMethod.isEmpty()) {
                continue;
            }
            String path = join(classPath.get(), stringValue(method.getAnnotations(), PATH).orElse(""));
            List<String> roles = stringValues(method.getAnnotations(), ROLES_ALLOWED);
            result.add(new Endpoint(httpMethod.get(), path, type.getSimpleName() + "." + method.getName(),
                    roles.isEmpty() ? classRoles : roles));
        }
        return result;
    }

    /** {@code /api/x/} + {@code /{id: [0-9]+}} -> {@code /api/x/{id}}. */
    static String join(String classPath, String methodPath) {
        String joined = ("/" + classPath + "/" + methodPath).replaceAll("/+", "/");
        if (joined.length() > 1 && joined.endsWith("/")) {
            joined = joined.substring(0, joined.length() - 1);
        }
        return joined.replaceAll("\\{\\s*([A-Za-z0-9_.-]+)\\s*:[^}]*}", "{$1}");
    }

    private static Optional<String> httpMethod(Annotation[] annotations) {
        for (Annotation a : annotations) {
            for (Annotation meta : a.annotationType().getAnnotations()) {
                if (meta.annotationType().getName().equals(HTTP_METHOD)) {
                    return Optional.of(String.valueOf(invoke(meta)));
                }
            }
        }
        return Optional.empty();
    }

    private static Optional<String> stringValue(Annotation[] annotations, String type) {
        for (Annotation a : annotations) {
            if (a.annotationType().getName().equals(type)) {
                return Optional.of(String.valueOf(invoke(a)));
            }
        }
        return Optional.empty();
    }

    private static List<String> stringValues(Annotation[] annotations, String type) {
        for (Annotation a : annotations) {
            if (a.annotationType().getName().equals(type) && invoke(a) instanceof String[] values) {
                return List.of(values);
            }
        }
        return List.of();
    }

    private static Object invoke(Annotation a) {
        try {
            Method value = a.annotationType().getMethod("value");
            value.setAccessible(true);
            return value.invoke(a);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot read " + a, e);
        }
    }
}
