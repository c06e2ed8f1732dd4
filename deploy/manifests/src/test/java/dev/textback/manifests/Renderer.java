package dev.textback.manifests;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Renders an overlay the way an operator does, with {@code kubectl kustomize}, when kubectl is on the
 * PATH; otherwise (a fresh CI machine) with {@link Kustomizer}. {@code -Dtextback.kubectl=none} plays a
 * machine without kubectl.
 */
final class Renderer {
    private Renderer() {
    }

    static List<Map<String, Object>> render(Path dir) {
        Optional<Path> kubectl = kubectl();
        return kubectl.isPresent()
                ? kubectlKustomize(kubectl.get(), dir)
                : Kustomizer.render(dir);
    }

    static String name() {
        return kubectl().isPresent()
                ? "kubectl kustomize"
                : "built-in renderer";
    }

    static Optional<Path> kubectl() {
        String path = System.getenv("PATH");
        if (path == null || "none".equals(System.getProperty("textback.kubectl"))) {
            return Optional.empty();
        }
        for (String dir : path.split(File.pathSeparator)) {
            Path p = Path.of(dir, "kubectl");
            if (Files.isExecutable(p)) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }

    static List<Map<String, Object>> kubectlKustomize(Path kubectl, Path dir) {
        try {
            Path err = Files.createTempFile("kustomize", ".err");
            Process p = new ProcessBuilder(kubectl.toString(), "kustomize", dir.toString())
                    .redirectError(err.toFile())
                    .start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
                String msg = Files.readString(err);
                Files.deleteIfExists(err);
                throw new IllegalStateException("kubectl kustomize " + dir + " failed: " + msg);
            }
            Files.deleteIfExists(err);
            return Yamls.documents(out);
        } catch (IOException e) {
            throw new IllegalStateException("cannot run kubectl", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
