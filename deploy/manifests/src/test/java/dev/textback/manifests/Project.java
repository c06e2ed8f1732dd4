package dev.textback.manifests;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import javax.xml.parsers.DocumentBuilderFactory;

import org.w3c.dom.Element;
import org.w3c.dom.Node;

/** Where the repository is and what it builds: the root POM's version and the four services. */
final class Project {
    static final List<String> SERVICES = List.of("call-ingest", "sms-dispatch", "crm-sync", "metrics-service");
    static final List<String> OVERLAYS = List.of("dev", "prod");

    private Project() {
    }

    static Path root() {
        String configured = System.getProperty("textback.root");
        Path start = configured != null ? Path.of(configured) : Path.of("").toAbsolutePath();
        for (Path p = start.toAbsolutePath().normalize(); p != null; p = p.getParent()) {
            if (Files.isDirectory(p.resolve("deploy/k8s")) && Files.isRegularFile(p.resolve("pom.xml"))) {
                return p;
            }
        }
        throw new IllegalStateException("no repository root with deploy/k8s above " + start);
    }

    static Path overlay(String name) {
        return root().resolve("deploy/k8s/overlays").resolve(name);
    }

    /** The project version from the root POM itself (not from this module's build), so a stale tag fails. */
    static String version() {
        try {
            DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
            f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            Element project = f.newDocumentBuilder().parse(root().resolve("pom.xml").toFile()).getDocumentElement();
            for (Node n = project.getFirstChild(); n != null; n = n.getNextSibling()) {
                if (n instanceof Element e && "version".equals(e.getTagName())) {
                    return e.getTextContent().trim();
                }
            }
        } catch (Exception e) {
            throw new IllegalStateException("cannot read the root pom.xml", e);
        }
        throw new IllegalStateException("the root pom.xml has no version");
    }
}
