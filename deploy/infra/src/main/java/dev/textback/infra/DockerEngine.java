package dev.textback.infra;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;

/** Tells whether a Docker engine answers, so Quarkus Dev Services (Testcontainers) can be used. */
public final class DockerEngine {
    private DockerEngine() {
    }

    public static boolean available() {
        if ("false".equalsIgnoreCase(System.getenv("TEXTBACK_USE_DOCKER"))) {
            return false;
        }
        String host = System.getenv("DOCKER_HOST");
        if (host != null && !host.isBlank() && !host.startsWith("unix://")) {
            return true; // a remote engine; Testcontainers will say if it is not reachable
        }
        Path socket = Path.of(host != null && host.startsWith("unix://") ? host.substring(7) : "/var/run/docker.sock");
        if (!Files.exists(socket)) {
            return false;
        }
        try (SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            return channel.connect(UnixDomainSocketAddress.of(socket));
        } catch (IOException | UnsupportedOperationException e) {
            return false;
        }
    }
}
