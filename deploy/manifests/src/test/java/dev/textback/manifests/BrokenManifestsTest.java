package dev.textback.manifests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The checker can fail: each case breaks one thing in a copy of the rendered prod overlay and expects
 * the violation that names it (and no more than the one thing to be wrong where that is the point).
 */
class BrokenManifestsTest {
    private static List<Map<String, Object>> prod;

    private static synchronized List<Map<String, Object>> prod() {
        if (prod == null) {
            prod = Renderer.render(Project.overlay("prod"));
        }
        return Yamls.copy(prod);
    }

    static Stream<Arguments> breakages() {
        return Stream.of(
                broken("a Deployment references a Secret that is not declared",
                        d -> env(d, "sms-dispatch", "TEXTBACK_DB_PASSWORD").put("valueFrom",
                                Map.of("secretKeyRef", Map.of("name", "textback-db-missing", "key", "password"))),
                        "Deployment/sms-dispatch env TEXTBACK_DB_PASSWORD: Secret textback-db-missing is not declared"),
                broken("a Secret key that is not declared",
                        d -> Yamls.map(env(d, "sms-dispatch", "VONAGE_API_KEY"), "valueFrom", "secretKeyRef").put("key", "apikey"),
                        "Secret textback-vonage declares no key 'apikey'"),
                broken("an envFrom ConfigMap that does not exist",
                        d -> d.removeIf(x -> "ConfigMap".equals(Yamls.kind(x)) && "crm-sync-config".equals(Yamls.name(x))),
                        "Deployment/crm-sync: envFrom ConfigMap crm-sync-config does not exist"),
                broken("an environment variable the service does not read",
                        d -> Yamls.list(container(d, "metrics-service"), "env").add(Map.of("name", "METRICS_BATCH", "value", "5")),
                        "Deployment/metrics-service: sets METRICS_BATCH, which metrics-service does not read"),
                broken("a readiness probe on the wrong path",
                        d -> Yamls.map(container(d, "call-ingest"), "readinessProbe", "httpGet").put("path", "/q/health"),
                        "Deployment/call-ingest: readinessProbe path /q/health is not /q/health/ready"),
                broken("liveness on the readiness endpoint (the database would restart pods)",
                        d -> Yamls.map(container(d, "crm-sync"), "livenessProbe", "httpGet").put("path", "/q/health/ready"),
                        "Deployment/crm-sync: livenessProbe path /q/health/ready is not /q/health/live"),
                broken("a container port that is not the service's",
                        d -> Yamls.cast(Yamls.list(container(d, "sms-dispatch"), "ports").get(0)).put("containerPort", 8080),
                        "Deployment/sms-dispatch: container port 'http' is 8080 but the service listens on 8082"),
                broken("a stale image tag",
                        d -> container(d, "crm-sync").put("image", "ghcr.io/textback/crm-sync:0.0.9"),
                        "Deployment/crm-sync: image ghcr.io/textback/crm-sync:0.0.9 is not ghcr.io/textback/crm-sync:"),
                broken("a topic a service uses has no KafkaTopic",
                        d -> d.removeIf(x -> "KafkaTopic".equals(Yamls.kind(x)) && "textback-crm-v1".equals(Yamls.name(x))),
                        "KafkaTopic/textback.crm.v1: missing, but crm-sync uses it"),
                broken("a topic with a single replica",
                        d -> Yamls.map(doc(d, "KafkaTopic", "textback-calls-v1"), "spec").put("replicas", 1),
                        "KafkaTopic/textback-calls-v1: replicas must be 3"),
                broken("the businesses topic not compacted",
                        d -> Yamls.map(doc(d, "KafkaTopic", "textback-businesses-v1"), "spec", "config").put("cleanup.policy", "delete"),
                        "KafkaTopic/textback-businesses-v1: cleanup.policy must be compact"),
                broken("KEDA allowed past the partition count",
                        d -> Yamls.map(doc(d, "ScaledObject", "sms-dispatch"), "spec").put("maxReplicaCount", 40),
                        "ScaledObject/sms-dispatch: maxReplicaCount 40 exceeds the partition count 12"),
                broken("KEDA watching the wrong consumer group",
                        d -> Yamls.map(Yamls.list(doc(d, "ScaledObject", "crm-sync"), "spec", "triggers").get(0), "metadata")
                                .put("consumerGroup", "crm"),
                        "watches group crm but crm-sync consumes it as crm-sync"),
                broken("a grace period shorter than the drain",
                        d -> Yamls.map(doc(d, "Deployment", "metrics-service"), "spec", "template", "spec")
                                .put("terminationGracePeriodSeconds", 10),
                        "Deployment/metrics-service: terminationGracePeriodSeconds 10 < preStop 5 s + shutdown 20 s"),
                broken("a misspelt field (parsed against the Kubernetes model)",
                        d -> container(d, "call-ingest").put("readinesProbe", Map.of()),
                        "Deployment/call-ingest: unknown field(s) [readinesProbe]"),
                broken("an internal API exposed through the Ingress",
                        d -> Yamls.list(Yamls.list(doc(d, "Ingress", "textback-webhooks"), "spec", "rules").get(0), "http", "paths")
                                .add(Map.of("path", "/api", "pathType", "Prefix",
                                        "backend", Map.of("service", Map.of("name", "metrics-service", "port", Map.of("name", "http"))))),
                        "Ingress: internal API /api/businesses"),
                broken("a webhook no longer routed to its service",
                        d -> Yamls.list(Yamls.list(doc(d, "Ingress", "textback-webhooks"), "spec", "rules").get(0), "http", "paths")
                                .removeIf(p -> "/webhooks/vonage/sms".equals(Yamls.str(p, "path"))),
                        "Ingress: webhook /webhooks/vonage/sms/receipt of sms-dispatch is routed to null"),
                broken("pods that no NetworkPolicy isolates",
                        d -> d.removeIf(x -> "NetworkPolicy".equals(Yamls.kind(x))),
                        "no NetworkPolicy isolates its ingress"),
                broken("a database service cut off from PostgreSQL",
                        d -> d.removeIf(x -> "NetworkPolicy".equals(Yamls.kind(x)) && "textback-egress-postgres".equals(Yamls.name(x))),
                        "Deployment/sms-dispatch: NetworkPolicies do not let it reach PostgreSQL textback-pg on 5432"),
                broken("a service that calls Vonage cut off from the internet",
                        d -> d.removeIf(x -> "NetworkPolicy".equals(Yamls.kind(x)) && "textback-egress-https".equals(Yamls.name(x))),
                        "Deployment/sms-dispatch: calls out over HTTPS, but NetworkPolicies do not allow it"),
                broken("a committed secret value",
                        d -> d.add(Yamls.documents("apiVersion: v1\nkind: Secret\nmetadata: {name: leak, namespace: textback}\n"
                                + "stringData: {password: hunter2}\n").get(0)),
                        "Secret/leak: carries a value for 'password'"),
                broken("a dashboard metric nobody exposes",
                        d -> Yamls.map(doc(d, "ConfigMap", "textback-grafana-dashboard"), "data").put("extra.json",
                                "{\"panels\":[{\"targets\":[{\"expr\":\"rate(textback_texts_sent_total[5m])\"}]}]}"),
                        "metric textback_texts_sent_total is neither a service counter nor a known exporter metric"),
                broken("too few PostgreSQL connections for the autoscalers' maximum",
                        d -> Yamls.map(doc(d, "Cluster", "textback-pg"), "spec", "postgresql", "parameters").put("max_connections", "100"),
                        "Cluster/textback-pg: max_connections 100 <"),
                broken("the JWT public key not mounted where the service reads it",
                        d -> Yamls.list(container(d, "metrics-service"), "volumeMounts").removeIf(v -> "jwt".equals(Yamls.str(v, "name"))),
                        "Deployment/metrics-service: metrics-service reads its JWT public key from /etc/textback/jwt/jwt-public.pem"),
                broken("a type the checker does not know",
                        d -> d.add(Yamls.documents("apiVersion: batch/v1\nkind: CronJob\nmetadata: {name: x, namespace: textback}\nspec: {}\n").get(0)),
                        "CronJob/x: batch/v1/CronJob is not a type these manifests are checked for"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("breakages")
    void checkerCatches(String what, Consumer<List<Map<String, Object>>> breakage, String expected) {
        List<Map<String, Object>> docs = prod();
        breakage.accept(docs);
        List<String> violations = Overlays.check(docs);
        assertTrue(violations.stream().anyMatch(v -> v.contains(expected)),
                () -> what + ": expected a violation containing\n  " + expected + "\nbut got\n  " + String.join("\n  ", violations));
    }

    /** The probes follow the service, not a constant: moving its health endpoints breaks them. */
    @Test
    void probesFollowTheServicesHealthPaths() {
        Map<String, ServiceFacts> services = new java.util.LinkedHashMap<>(Overlays.services());
        ServiceFacts crm = services.get("crm-sync");
        Map<String, String> props = new java.util.LinkedHashMap<>(crm.properties());
        props.put("quarkus.smallrye-health.root-path", "/health");
        services.put("crm-sync", new ServiceFacts(crm.name(), crm.port(), props, crm.envReferences(), crm.consumerGroups(),
                crm.producedTopics(), crm.deadLetterTopics(), crm.httpPaths(), crm.counters(), crm.extensions(),
                crm.databaseLivenessChecks(), crm.callsOut()));
        List<String> violations = ManifestChecker.check(prod(), services, Project.version());
        assertTrue(violations.contains("Deployment/crm-sync: readinessProbe path /q/health/ready is not /health/ready"),
                violations::toString);
    }

    /** End to end: a broken file in a copy of deploy/k8s fails the rendered check, not only an edited map. */
    @Test
    void brokenFileInACopyOfTheTreeFails(@TempDir Path tmp) throws IOException {
        Path src = Project.root().resolve("deploy/k8s");
        Path copy = tmp.resolve("k8s");
        try (Stream<Path> files = Files.walk(src)) {
            for (Path p : files.sorted(Comparator.naturalOrder()).toList()) {
                Path target = copy.resolve(src.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target);
                }
            }
        }
        assertEquals(List.of(), Overlays.check(Renderer.render(copy.resolve("overlays/dev"))), "the copy holds together");

        Path crm = copy.resolve("base/crm-sync.yaml");
        String text = Files.readString(crm);
        Files.writeString(crm, text.replace("name: textback-db-crm-sync\n                  key: password",
                "name: textback-db-crm\n                  key: password"));
        List<String> violations = Overlays.check(Renderer.render(copy.resolve("overlays/dev")));
        assertTrue(violations.stream().anyMatch(v -> v.contains("Secret textback-db-crm is not declared")), violations::toString);
    }

    private static Arguments broken(String what, Consumer<List<Map<String, Object>>> breakage, String expected) {
        return Arguments.of(what, breakage, expected);
    }

    private static Map<String, Object> doc(List<Map<String, Object>> docs, String kind, String name) {
        return docs.stream().filter(d -> kind.equals(Yamls.kind(d)) && name.equals(Yamls.name(d))).findFirst()
                .orElseThrow(() -> new AssertionError("no " + kind + "/" + name + " in the prod overlay"));
    }

    private static Map<String, Object> container(List<Map<String, Object>> docs, String deployment) {
        return Yamls.cast(Yamls.list(doc(docs, "Deployment", deployment), "spec", "template", "spec", "containers").get(0));
    }

    private static Map<String, Object> env(List<Map<String, Object>> docs, String deployment, String name) {
        return Yamls.list(container(docs, deployment), "env").stream().map(Yamls::cast)
                .filter(e -> name.equals(e.get("name"))).findFirst()
                .orElseThrow(() -> new AssertionError(deployment + " sets no " + name));
    }
}
