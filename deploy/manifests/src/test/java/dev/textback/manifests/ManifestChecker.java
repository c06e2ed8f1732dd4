package dev.textback.manifests;

import static dev.textback.manifests.Yamls.at;
import static dev.textback.manifests.Yamls.cast;
import static dev.textback.manifests.Yamls.id;
import static dev.textback.manifests.Yamls.kind;
import static dev.textback.manifests.Yamls.list;
import static dev.textback.manifests.Yamls.map;
import static dev.textback.manifests.Yamls.name;
import static dev.textback.manifests.Yamls.str;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;

/**
 * Checks one rendered overlay against the Kubernetes model and against what the services really read,
 * serve and consume. Returns every violation found (empty = the overlay holds together); each message
 * starts with the document it is about.
 */
final class ManifestChecker {
    /** Built-in types, parsed with fabric8's model; unknown fields are reported, not ignored. */
    static final Map<String, Class<?>> TYPED = Map.of(
            "v1/ConfigMap", ConfigMap.class,
            "v1/Secret", Secret.class,
            "v1/Service", Service.class,
            "apps/v1/Deployment", Deployment.class,
            "policy/v1/PodDisruptionBudget", PodDisruptionBudget.class,
            "autoscaling/v2/HorizontalPodAutoscaler", HorizontalPodAutoscaler.class,
            "networking.k8s.io/v1/NetworkPolicy", NetworkPolicy.class,
            "networking.k8s.io/v1/Ingress", Ingress.class);
    /** Operators' custom resources the overlays may use, parsed as GenericKubernetesResource. */
    static final Set<String> CUSTOM = Set.of(
            "kafka.strimzi.io/v1beta2/Kafka", "kafka.strimzi.io/v1beta2/KafkaNodePool",
            "kafka.strimzi.io/v1beta2/KafkaTopic",
            "postgresql.cnpg.io/v1/Cluster", "postgresql.cnpg.io/v1/Database",
            "keda.sh/v1alpha1/ScaledObject",
            "monitoring.coreos.com/v1/ServiceMonitor", "monitoring.coreos.com/v1/PodMonitor",
            "monitoring.coreos.com/v1/PrometheusRule",
            "external-secrets.io/v1/ExternalSecret");
    /** Metrics that come from Quarkus/Micrometer, Prometheus itself or Strimzi's Kafka Exporter. */
    static final Set<String> STANDARD_METRICS = Set.of("up", "http_server_requests_seconds_count",
            "http_server_requests_seconds_sum", "http_server_requests_seconds_bucket", "kafka_consumergroup_lag",
            "kafka_topic_partition_current_offset", "kafka_consumer_fetch_manager_records_lag_max");
    static final String INGRESS_CONTROLLER_NAMESPACE = "ingress-nginx";
    static final String MONITORING_NAMESPACE = "monitoring";
    static final String KEDA_NAMESPACE = "keda";
    private static final Pattern METRIC = Pattern.compile("([a-zA-Z_:][a-zA-Z0-9_:]*)\\s*[{\\[]");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final List<Map<String, Object>> docs;
    private final Map<String, ServiceFacts> services;
    private final String version;
    private final List<String> violations = new ArrayList<>();
    /** Secret name -> keys it is declared with (null = any key: the whole remote secret is copied). */
    private final Map<String, Set<String>> secrets = new LinkedHashMap<>();
    private final Map<String, Map<String, Object>> configMaps = new LinkedHashMap<>();
    private final Map<String, Map<String, Object>> topics = new LinkedHashMap<>();

    private ManifestChecker(List<Map<String, Object>> docs, Map<String, ServiceFacts> services, String version) {
        this.docs = docs;
        this.services = services;
        this.version = version;
    }

    static List<String> check(List<Map<String, Object>> docs, Map<String, ServiceFacts> services, String version) {
        ManifestChecker c = new ManifestChecker(docs, services, version);
        c.run();
        return c.violations;
    }

    private void run() {
        docs.forEach(this::parse);
        index();
        for (String svc : services.keySet()) {
            Optional<Map<String, Object>> d = one("Deployment", svc);
            if (d.isEmpty()) {
                fail("Deployment/" + svc + ": missing (every service is deployed)");
            } else {
                deployment(services.get(svc), d.get());
            }
        }
        all("Deployment").stream().filter(d -> !services.containsKey(name(d)))
                .forEach(d -> fail(id(d) + ": not one of the services " + services.keySet()));
        kafka();
        postgres();
        ingress();
        monitoring();
    }

    // ---- parsing ---------------------------------------------------------------------------------

    private void parse(Map<String, Object> doc) {
        String type = str(doc, "apiVersion") + "/" + kind(doc);
        if (name(doc) == null || str(doc, "metadata", "namespace") == null) {
            fail(id(doc) + ": needs metadata.name and a namespace");
        }
        try {
            Class<?> cls = TYPED.get(type);
            if (cls != null) {
                Object typed = JSON.convertValue(doc, cls);
                unknownFields(typed, kind(doc), id(doc));
            } else if (CUSTOM.contains(type)) {
                GenericKubernetesResource r = JSON.convertValue(doc, GenericKubernetesResource.class);
                if (r.getMetadata() == null || r.getAdditionalProperties().get("spec") == null) {
                    fail(id(doc) + ": a custom resource without metadata or spec");
                }
            } else {
                fail(id(doc) + ": " + type + " is not a type these manifests are checked for");
            }
        } catch (IllegalArgumentException e) {
            fail(id(doc) + ": does not parse as " + type + ": " + e.getMessage().lines().findFirst().orElse(""));
        }
    }

    /** Fields fabric8 did not recognise land in additionalProperties: a typo would silently do nothing. */
    private void unknownFields(Object o, String path, String id) {
        if (o instanceof List<?> l) {
            for (int i = 0; i < l.size(); i++) {
                unknownFields(l.get(i), path + "[" + i + "]", id);
            }
            return;
        }
        if (o instanceof Map<?, ?> m) {
            m.forEach((k, v) -> unknownFields(v, path + "." + k, id));
            return;
        }
        if (o == null || !o.getClass().getName().startsWith("io.fabric8.kubernetes.api.model")) {
            return;
        }
        for (Method m : o.getClass().getMethods()) {
            if (!m.getName().startsWith("get") || m.getParameterCount() != 0 || Modifier.isStatic(m.getModifiers())
                    || m.getDeclaringClass() == Object.class) {
                continue;
            }
            try {
                Object v = m.invoke(o);
                if (m.getName().equals("getAdditionalProperties")) {
                    if (v instanceof Map<?, ?> ap && !ap.isEmpty()) {
                        fail(id + ": unknown field(s) " + ap.keySet() + " at " + path);
                    }
                } else if (!m.getName().equals("getValue")) {
                    String field = Character.toLowerCase(m.getName().charAt(3)) + m.getName().substring(4);
                    unknownFields(v, path + "." + field, id);
                }
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    private void index() {
        for (Map<String, Object> d : all("ExternalSecret")) {
            String target = Objects.requireNonNullElse(str(d, "spec", "target", "name"), name(d));
            Set<String> keys = new TreeSet<>();
            list(d, "spec", "data").forEach(e -> keys.add(str(e, "secretKey")));
            secrets.put(target, list(d, "spec", "dataFrom").isEmpty() ? keys : null);
        }
        for (Map<String, Object> d : all("Secret")) {
            Set<String> keys = new TreeSet<>();
            for (String field : List.of("data", "stringData")) {
                map(d, field).forEach((k, v) -> {
                    keys.add(k);
                    if (v != null && !v.toString().isEmpty()) {
                        fail(id(d) + ": carries a value for '" + k + "': no secret values are committed");
                    }
                });
            }
            secrets.put(name(d), keys);
        }
        for (Map<String, Object> d : all("ConfigMap")) {
            configMaps.put(name(d), map(d, "data"));
        }
        for (Map<String, Object> d : all("KafkaTopic")) {
            topics.put(Objects.requireNonNullElse(str(d, "spec", "topicName"), name(d)), d);
        }
    }

    // ---- one service --------------------------------------------------------------------------------

    private void deployment(ServiceFacts svc, Map<String, Object> d) {
        String id = id(d);
        Map<String, Object> pod = map(d, "spec", "template");
        Map<String, Object> podLabels = map(pod, "metadata", "labels");
        List<Object> containers = list(pod, "spec", "containers");
        if (containers.size() != 1) {
            fail(id + ": expected exactly one container, found " + containers.size());
            return;
        }
        Map<String, Object> c = cast(containers.get(0));

        // image pinned to the project version
        String image = str(c, "image");
        String expected = "ghcr.io/textback/" + svc.name() + ":" + version;
        if (!expected.equals(image)) {
            fail(id + ": image " + image + " is not " + expected);
        }

        // the port the service listens on, named http
        Integer containerPort = null;
        for (Object p : list(c, "ports")) {
            if ("http".equals(str(p, "name"))) {
                containerPort = ((Number) at(p, "containerPort")).intValue();
            }
        }
        if (containerPort == null || containerPort != svc.port()) {
            fail(id + ": container port 'http' is " + containerPort + " but the service listens on " + svc.port());
        }

        // probes on the SmallRye Health endpoints
        if (!svc.extensions().contains("quarkus-smallrye-health")) {
            fail(id + ": " + svc.name() + " does not depend on quarkus-smallrye-health, so nothing answers its probes");
        }
        probe(id, c, "startupProbe", svc.healthPath("started"), svc.port());
        probe(id, c, "livenessProbe", svc.healthPath("live"), svc.port());
        probe(id, c, "readinessProbe", svc.healthPath("ready"), svc.port());
        if (!svc.databaseLivenessChecks().isEmpty()) {
            fail(id + ": liveness checks of " + svc.name() + " touch the database " + svc.databaseLivenessChecks()
                    + ": an outage would restart every pod; make them readiness checks");
        }
        if ("false".equals(svc.properties().get("quarkus.datasource.health.enabled")) && svc.hasDatabase()) {
            fail(id + ": " + svc.name() + " turns the datasource health check off, so readiness ignores the database");
        }

        for (String r : List.of("requests", "limits")) {
            for (String res : List.of("cpu", "memory")) {
                if (at(c, "resources", r, res) == null) {
                    fail(id + ": no resources." + r + "." + res);
                }
            }
        }

        // environment: names the service reads, references that exist
        Map<String, String> env = new LinkedHashMap<>(); // name -> literal value, or "secret:<name>/<key>"
        for (Object ef : list(c, "envFrom")) {
            String cm = str(ef, "configMapRef", "name");
            String sec = str(ef, "secretRef", "name");
            if (cm != null) {
                if (!configMaps.containsKey(cm)) {
                    fail(id + ": envFrom ConfigMap " + cm + " does not exist in the overlay");
                } else {
                    configMaps.get(cm).forEach((k, v) -> env.put(k, String.valueOf(v)));
                }
            }
            if (sec != null) {
                if (!secrets.containsKey(sec)) {
                    fail(id + ": envFrom Secret " + sec + " is not declared in the overlay");
                } else if (secrets.get(sec) != null) {
                    secrets.get(sec).forEach(k -> env.put(k, "secret:" + sec + "/" + k));
                }
            }
        }
        for (Object e : list(c, "env")) {
            String n = str(e, "name");
            Map<String, Object> sk = map(e, "valueFrom", "secretKeyRef");
            Map<String, Object> ck = map(e, "valueFrom", "configMapKeyRef");
            if (!sk.isEmpty()) {
                secretKey(id + " env " + n, str(sk, "name"), str(sk, "key"), Boolean.TRUE.equals(sk.get("optional")));
                env.put(n, "secret:" + str(sk, "name") + "/" + str(sk, "key"));
            } else if (!ck.isEmpty()) {
                Map<String, Object> data = configMaps.get(str(ck, "name"));
                if (data == null || !data.containsKey(str(ck, "key"))) {
                    fail(id + " env " + n + ": ConfigMap key " + str(ck, "name") + "/" + str(ck, "key") + " does not exist");
                }
                env.put(n, data == null ? null : String.valueOf(data.get(str(ck, "key"))));
            } else {
                env.put(n, str(e, "value"));
            }
        }
        env.keySet().stream().filter(n -> !svc.readsEnv(n))
                .forEach(n -> fail(id + ": sets " + n + ", which " + svc.name() + " does not read"));
        for (Object v : list(pod, "spec", "volumes")) {
            String sec = str(v, "secret", "secretName");
            String cm = str(v, "configMap", "name");
            if (sec != null) {
                if (!secrets.containsKey(sec)) {
                    fail(id + ": volume Secret " + sec + " is not declared in the overlay");
                } else {
                    list(v, "secret", "items").forEach(i -> secretKey(id + " volume", sec, str(i, "key"), false));
                }
            }
            if (cm != null && !configMaps.containsKey(cm)) {
                fail(id + ": volume ConfigMap " + cm + " does not exist in the overlay");
            }
        }

        // the JWT public key file is mounted where the service looks for it
        jwtKey(id, svc, c, pod, env);

        // graceful shutdown inside the grace period
        Object grace = at(pod, "spec", "terminationGracePeriodSeconds");
        long graceSeconds = grace == null ? 30 : ((Number) grace).longValue();
        Object sleep = at(c, "lifecycle", "preStop", "sleep", "seconds");
        long pause = sleep == null ? 0 : ((Number) sleep).longValue();
        Duration shutdown = svc.shutdownTimeout(env);
        if (shutdown.isZero()) {
            fail(id + ": " + svc.name() + " sets no quarkus.shutdown.timeout, so it cannot drain in time");
        }
        if (pause + shutdown.toSeconds() + 5 > graceSeconds) {
            fail(id + ": terminationGracePeriodSeconds " + graceSeconds + " < preStop " + pause + " s + shutdown "
                    + shutdown.toSeconds() + " s + 5 s to exit");
        }

        // Kafka and PostgreSQL where the service uses them
        if (svc.usesKafka()) {
            bootstrap(id, env.get("KAFKA_BOOTSTRAP_SERVERS"));
        }
        if (svc.hasDatabase()) {
            database(id, svc, env);
        }

        // Service, disruption budget, autoscaler
        List<Map<String, Object>> svcs = all("Service").stream().filter(s -> selects(map(s, "spec", "selector"), podLabels)).toList();
        if (svcs.isEmpty()) {
            fail(id + ": no Service selects its pods");
        }
        for (Map<String, Object> s : svcs) {
            for (Object p : list(s, "spec", "ports")) {
                Object target = at(p, "targetPort");
                boolean ok = "http".equals(String.valueOf(target)) || Integer.valueOf(svc.port()).equals(target);
                if (!ok) {
                    fail(id(s) + ": port " + str(p, "name") + " targets " + target + ", not the service's http port");
                }
            }
        }
        if (all("PodDisruptionBudget").stream().noneMatch(p -> selects(map(p, "spec", "selector"), podLabels))) {
            fail(id + ": no PodDisruptionBudget covers its pods");
        }
        autoscaling(svc, d, env);
        networkPolicies(svc, d, podLabels);

        Map<String, Object> ann = map(pod, "metadata", "annotations");
        if (!String.valueOf(svc.port()).equals(str(ann, "prometheus.io/port")) || !svc.metricsPath().equals(str(ann, "prometheus.io/path"))) {
            fail(id + ": prometheus.io/port and path annotations must be " + svc.port() + " and " + svc.metricsPath());
        }
        if (!svc.extensions().contains("quarkus-micrometer-registry-prometheus")) {
            fail(id + ": " + svc.name() + " does not depend on quarkus-micrometer-registry-prometheus, so nothing serves "
                    + svc.metricsPath());
        }
    }

    /**
     * A service that verifies bearer tokens reads its public key from a file (mp.jwt.verify.publickey.location,
     * default or environment): that file must come from a Secret volume, or every /api call is refused.
     */
    private void jwtKey(String id, ServiceFacts svc, Map<String, Object> c, Map<String, Object> pod, Map<String, String> env) {
        String raw = svc.properties().get("mp.jwt.verify.publickey.location");
        if (raw == null) {
            return;
        }
        Matcher m = Pattern.compile("\\$\\{([A-Z0-9_]+):([^}]*)}").matcher(raw);
        String location = m.matches() ? env.getOrDefault(m.group(1), m.group(2)) : raw;
        if (env.containsKey("MP_JWT_VERIFY_PUBLICKEY_LOCATION")) {
            location = env.get("MP_JWT_VERIFY_PUBLICKEY_LOCATION");
        }
        if (location == null || location.isEmpty() || location.contains("://")) {
            return; // a URL (JWKS endpoint) needs no file
        }
        String file = location.startsWith("file:") ? location.substring(5) : location;
        boolean mounted = false;
        for (Object vm : list(c, "volumeMounts")) {
            String mountPath = str(vm, "mountPath");
            if (mountPath == null || !file.startsWith(mountPath.endsWith("/") ? mountPath : mountPath + "/")) {
                continue;
            }
            String rel = file.substring(mountPath.length()).replaceFirst("^/", "");
            for (Object v : list(pod, "spec", "volumes")) {
                if (!Objects.equals(str(v, "name"), str(vm, "name")) || at(v, "secret") == null) {
                    continue;
                }
                String secret = str(v, "secret", "secretName");
                List<Object> items = list(v, "secret", "items");
                if (items.isEmpty()) {
                    secretKey(id + " JWT key", secret, rel, false);
                    mounted = true;
                } else {
                    mounted |= items.stream().anyMatch(i -> rel.equals(str(i, "path")));
                }
            }
        }
        if (!mounted) {
            fail(id + ": " + svc.name() + " reads its JWT public key from " + file + ", which no Secret volume provides");
        }
    }

    private void probe(String id, Map<String, Object> c, String probe, String path, int port) {
        Map<String, Object> get = map(c, probe, "httpGet");
        if (get.isEmpty()) {
            fail(id + ": no " + probe + " (httpGet " + path + ")");
            return;
        }
        if (!path.equals(str(get, "path"))) {
            fail(id + ": " + probe + " path " + str(get, "path") + " is not " + path);
        }
        Object p = get.get("port");
        boolean ok = Integer.valueOf(port).equals(p) || list(c, "ports").stream()
                .anyMatch(cp -> Objects.equals(str(cp, "name"), String.valueOf(p)) && Integer.valueOf(port).equals(at(cp, "containerPort")));
        if (!ok) {
            fail(id + ": " + probe + " port " + p + " is not the service's port " + port);
        }
    }

    private void secretKey(String where, String secret, String key, boolean optional) {
        if (optional) {
            return;
        }
        if (!secrets.containsKey(secret)) {
            fail(where + ": Secret " + secret + " is not declared in the overlay");
        } else if (secrets.get(secret) != null && !secrets.get(secret).contains(key)) {
            fail(where + ": Secret " + secret + " declares no key '" + key + "'");
        }
    }

    private void bootstrap(String id, String servers) {
        if (servers == null) {
            fail(id + ": sets no KAFKA_BOOTSTRAP_SERVERS");
            return;
        }
        for (String hp : servers.split(",")) {
            String host = hp.substring(0, hp.lastIndexOf(':'));
            String port = hp.substring(hp.lastIndexOf(':') + 1);
            boolean ok = all("Kafka").stream().anyMatch(k -> {
                String expectedHost = name(k) + "-kafka-bootstrap";
                boolean hostOk = host.equals(expectedHost)
                        || host.equals(expectedHost + "." + str(k, "metadata", "namespace") + ".svc")
                        || host.equals(expectedHost + "." + str(k, "metadata", "namespace") + ".svc.cluster.local");
                boolean portOk = list(k, "spec", "kafka", "listeners").stream().anyMatch(l -> port.equals(str(l, "port")));
                return hostOk && portOk;
            });
            if (!ok) {
                fail(id + ": KAFKA_BOOTSTRAP_SERVERS " + hp + " is no listener of a Kafka in this overlay");
            }
        }
    }

    private void database(String id, ServiceFacts svc, Map<String, String> env) {
        String urlVar = envFor(svc, "quarkus.datasource.jdbc.url");
        String userVar = envFor(svc, "quarkus.datasource.username");
        String passwordVar = envFor(svc, "quarkus.datasource.password");
        String url = env.get(urlVar);
        if (url == null || env.get(userVar) == null || env.get(passwordVar) == null) {
            fail(id + ": needs " + urlVar + ", " + userVar + " and " + passwordVar);
            return;
        }
        Matcher m = Pattern.compile("jdbc:postgresql://([^:/]+)(?::(\\d+))?/([^?]+).*").matcher(url);
        if (!m.matches()) {
            fail(id + ": " + urlVar + " " + url + " is not a PostgreSQL JDBC URL");
            return;
        }
        String host = m.group(1).split("\\.")[0];
        Optional<Map<String, Object>> cluster = all("Cluster").stream().filter(c -> host.equals(name(c) + "-rw")).findFirst();
        if (cluster.isEmpty()) {
            fail(id + ": database host " + m.group(1) + " is not the -rw Service of a CloudNativePG Cluster here");
            return;
        }
        Optional<Map<String, Object>> db = all("Database").stream()
                .filter(x -> m.group(3).equals(str(x, "spec", "name")) && name(cluster.get()).equals(str(x, "spec", "cluster", "name")))
                .findFirst();
        if (db.isEmpty()) {
            fail(id + ": database " + m.group(3) + " is not declared (CloudNativePG Database)");
            return;
        }
        String owner = str(db.get(), "spec", "owner");
        String roleSecret = list(cluster.get(), "spec", "managed", "roles").stream()
                .filter(r -> owner.equals(str(r, "name"))).map(r -> str(r, "passwordSecret", "name")).findFirst().orElse(null);
        String expectedUser = "secret:" + roleSecret + "/username";
        String expectedPassword = "secret:" + roleSecret + "/password";
        if (!expectedUser.equals(env.get(userVar)) || !expectedPassword.equals(env.get(passwordVar))) {
            fail(id + ": " + userVar + "/" + passwordVar + " must come from " + roleSecret + ", the Secret of role " + owner
                    + " that owns " + m.group(3));
        }
    }

    /** The environment variable a property is set from in production: its ${VAR} reference, else its env form. */
    private static String envFor(ServiceFacts svc, String key) {
        String v = svc.properties().getOrDefault("%prod." + key, svc.properties().get(key));
        if (v != null) {
            Matcher m = Pattern.compile("\\$\\{([A-Z0-9_]+)").matcher(v);
            if (m.find()) {
                return m.group(1);
            }
        }
        return ServiceFacts.envForm(key);
    }

    private void autoscaling(ServiceFacts svc, Map<String, Object> d, Map<String, String> env) {
        String id = id(d);
        List<Map<String, Object>> hpas = all("HorizontalPodAutoscaler").stream()
                .filter(h -> svc.name().equals(str(h, "spec", "scaleTargetRef", "name"))).toList();
        List<Map<String, Object>> scaled = all("ScaledObject").stream()
                .filter(s -> svc.name().equals(str(s, "spec", "scaleTargetRef", "name"))).toList();
        Object rep = at(d, "spec", "replicas");
        int replicas = rep == null ? 1 : ((Number) rep).intValue();
        Map<String, String> shared = new LinkedHashMap<>(); // topic -> group, for groups shared by all pods
        svc.consumerGroups().forEach((t, g) -> {
            if (!g.contains("${")) {
                shared.put(t, g);
            }
        });
        if (hpas.size() + scaled.size() != 1) {
            fail(id + ": needs exactly one autoscaler, has " + hpas.size() + " HPA and " + scaled.size() + " ScaledObject");
            return;
        }
        if (!shared.isEmpty()) {
            if (scaled.isEmpty()) {
                fail(id + ": consumes in group(s) " + new TreeSet<>(shared.values()) + ": scale it on lag with a KEDA ScaledObject");
                return;
            }
            Map<String, Object> so = scaled.get(0);
            int min = ((Number) Objects.requireNonNullElse(at(so, "spec", "minReplicaCount"), 0)).intValue();
            int max = ((Number) Objects.requireNonNullElse(at(so, "spec", "maxReplicaCount"), 100)).intValue();
            if (min != replicas) {
                fail(id(so) + ": minReplicaCount " + min + " differs from the Deployment's replicas " + replicas);
            }
            int maxPartitions = 0;
            Set<String> triggered = new LinkedHashSet<>();
            for (Object t : list(so, "spec", "triggers")) {
                Map<String, Object> md = map(t, "metadata");
                String topic = str(md, "topic");
                if (!"kafka".equals(str(t, "type"))) {
                    fail(id(so) + ": trigger " + str(t, "type") + " is not a Kafka lag trigger");
                    continue;
                }
                triggered.add(topic);
                if (!shared.containsKey(topic)) {
                    fail(id(so) + ": trigger on " + topic + ", which " + svc.name() + " does not consume in a shared group");
                } else if (!shared.get(topic).equals(str(md, "consumerGroup"))) {
                    fail(id(so) + ": trigger on " + topic + " watches group " + str(md, "consumerGroup") + " but "
                            + svc.name() + " consumes it as " + shared.get(topic));
                }
                if (!Objects.equals(env.get("KAFKA_BOOTSTRAP_SERVERS"), str(md, "bootstrapServers"))) {
                    fail(id(so) + ": trigger bootstrapServers " + str(md, "bootstrapServers") + " differs from the pods' "
                            + env.get("KAFKA_BOOTSTRAP_SERVERS"));
                }
                if (!"false".equals(str(md, "allowIdleConsumers"))) {
                    fail(id(so) + ": allowIdleConsumers must be \"false\" (no more consumers than partitions)");
                }
                Map<String, Object> kt = topics.get(topic);
                if (kt == null) {
                    fail(id(so) + ": trigger topic " + topic + " has no KafkaTopic");
                } else {
                    maxPartitions = Math.max(maxPartitions, ((Number) at(kt, "spec", "partitions")).intValue());
                }
            }
            shared.keySet().stream().filter(t -> !triggered.contains(t))
                    .forEach(t -> fail(id(so) + ": no lag trigger for " + t + ", which " + svc.name() + " consumes"));
            if (max > maxPartitions) {
                fail(id(so) + ": maxReplicaCount " + max + " exceeds the partition count " + maxPartitions);
            }
            if (max < min) {
                fail(id(so) + ": maxReplicaCount " + max + " < minReplicaCount " + min);
            }
        } else {
            if (hpas.isEmpty()) {
                fail(id + ": has no shared consumer group to scale on: scale it on CPU with a HorizontalPodAutoscaler");
                return;
            }
            Map<String, Object> h = hpas.get(0);
            int min = ((Number) Objects.requireNonNullElse(at(h, "spec", "minReplicas"), 1)).intValue();
            if (min != replicas) {
                fail(id(h) + ": minReplicas " + min + " differs from the Deployment's replicas " + replicas);
            }
            if (list(h, "spec", "metrics").stream().noneMatch(mt -> "cpu".equals(str(mt, "resource", "name")))) {
                fail(id(h) + ": does not scale on CPU");
            }
        }
    }

    // ---- network policies ----------------------------------------------------------------------------

    private void networkPolicies(ServiceFacts svc, Map<String, Object> d, Map<String, Object> podLabels) {
        String id = id(d);
        List<Map<String, Object>> selecting = all("NetworkPolicy").stream()
                .filter(p -> selects(map(p, "spec", "podSelector"), podLabels)).toList();
        for (String type : List.of("Ingress", "Egress")) {
            if (selecting.stream().noneMatch(p -> list(p, "spec", "policyTypes").contains(type))) {
                fail(id + ": no NetworkPolicy isolates its " + type.toLowerCase() + " (deny by default)");
            }
        }
        if (!egress(selecting, Map.of("k8s-app", "kube-dns"), null, 53)) {
            fail(id + ": NetworkPolicies do not allow DNS");
        }
        if (svc.usesKafka()) {
            for (Map<String, Object> k : all("Kafka")) {
                Map<String, Object> broker = Map.of("strimzi.io/cluster", name(k), "strimzi.io/kind", "Kafka",
                        "strimzi.io/broker-role", "true");
                for (Object l : list(k, "spec", "kafka", "listeners")) {
                    int port = ((Number) at(l, "port")).intValue();
                    if (!egress(selecting, broker, str(d, "metadata", "namespace"), port)) {
                        fail(id + ": NetworkPolicies do not let it reach Kafka " + name(k) + " on " + port);
                    }
                    boolean peer = list(l, "networkPolicyPeers").isEmpty() || list(l, "networkPolicyPeers").stream()
                            .anyMatch(p -> at(p, "namespaceSelector") == null && selects(map(p, "podSelector"), podLabels));
                    if (!peer) {
                        fail(id(k) + ": listener " + str(l, "name") + " does not admit " + svc.name() + " (networkPolicyPeers)");
                    }
                }
            }
        }
        if (svc.hasDatabase()) {
            for (Map<String, Object> c : all("Cluster")) {
                if (!egress(selecting, Map.of("cnpg.io/cluster", name(c)), str(d, "metadata", "namespace"), 5432)) {
                    fail(id + ": NetworkPolicies do not let it reach PostgreSQL " + name(c) + " on 5432");
                }
                List<Map<String, Object>> pg = all("NetworkPolicy").stream()
                        .filter(p -> selects(map(p, "spec", "podSelector"), Map.of("cnpg.io/cluster", name(c)))).toList();
                if (!pg.isEmpty() && !ingressFrom(pg, podLabels, null, 5432, 5432)) {
                    fail(id(c) + ": its NetworkPolicies do not admit " + svc.name() + " on 5432");
                }
            }
        }
        if (svc.callsOut() != httpsOut(selecting)) {
            fail(id + (svc.callsOut() ? ": calls out over HTTPS, but NetworkPolicies do not allow it"
                    : ": has no HTTP client, yet NetworkPolicies let it reach the internet"));
        }
        boolean exposed = all("Ingress").stream().anyMatch(i -> backends(i).stream().anyMatch(b -> svc.name().equals(b[1])));
        boolean fromController = ingressFrom(selecting, null, INGRESS_CONTROLLER_NAMESPACE, svc.port(), svc.port());
        if (exposed && !fromController) {
            fail(id + ": is behind the Ingress but NetworkPolicies do not admit the ingress controller");
        }
        if (!exposed && fromController) {
            fail(id + ": internal only, yet NetworkPolicies admit the ingress controller");
        }
        if (!ingressFrom(selecting, null, MONITORING_NAMESPACE, svc.port(), svc.port())) {
            fail(id + ": NetworkPolicies do not let Prometheus scrape it");
        }
    }

    /** Whether the policies let the pod open HTTPS connections to public addresses (an ipBlock). */
    private static boolean httpsOut(List<Map<String, Object>> policies) {
        for (Map<String, Object> p : policies) {
            for (Object rule : list(p, "spec", "egress")) {
                boolean ip = list(rule, "to").stream().anyMatch(t -> at(t, "ipBlock") != null);
                if (ip && portAllowed(list(rule, "ports"), 443, 443)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Whether one of the policies lets the pod connect to pods with these labels (namespace null = any). */
    private static boolean egress(List<Map<String, Object>> policies, Map<String, Object> target, String targetNs, int port) {
        for (Map<String, Object> p : policies) {
            for (Object rule : list(p, "spec", "egress")) {
                if (!portAllowed(list(rule, "ports"), port, port)) {
                    continue;
                }
                for (Object to : list(rule, "to")) {
                    Object ns = at(to, "namespaceSelector");
                    Object ps = at(to, "podSelector");
                    if (ps == null || at(to, "ipBlock") != null) {
                        continue;
                    }
                    boolean nsOk = ns == null ? (targetNs == null || targetNs.equals(str(p, "metadata", "namespace")))
                            : map(ns, "matchLabels").isEmpty() || targetNs == null;
                    if (nsOk && selects(cast(ps), target)) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    /**
     * Whether the policies admit a peer: pods with these labels in the same namespace, or (podLabels null)
     * any pod of the namespace with that name.
     */
    private static boolean ingressFrom(List<Map<String, Object>> policies, Map<String, Object> peerLabels, String peerNs,
            int port, int namedHttpPort) {
        for (Map<String, Object> p : policies) {
            for (Object rule : list(p, "spec", "ingress")) {
                if (!portAllowed(list(rule, "ports"), port, namedHttpPort)) {
                    continue;
                }
                for (Object from : list(rule, "from")) {
                    Object ns = at(from, "namespaceSelector");
                    Object ps = at(from, "podSelector");
                    if (peerLabels != null && ns == null && ps != null && selects(cast(ps), peerLabels)) {
                        return true;
                    }
                    if (peerNs != null && ns != null
                            && selects(cast(ns), Map.of("kubernetes.io/metadata.name", peerNs)) && (ps == null || map(ps).isEmpty())) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    private static boolean portAllowed(List<Object> ports, int port, int namedHttpPort) {
        return ports.isEmpty() || ports.stream().anyMatch(pp -> {
            Object v = at(pp, "port");
            return v == null || Integer.valueOf(port).equals(v) || ("http".equals(v) && port == namedHttpPort);
        });
    }

    /** Label selector (matchLabels and In/NotIn/Exists/DoesNotExist, or a plain map) against labels. */
    static boolean selects(Map<String, Object> selector, Map<String, Object> labels) {
        if (selector == null) {
            return false;
        }
        Map<String, Object> matchLabels = selector.containsKey("matchLabels") || selector.containsKey("matchExpressions")
                ? map(selector, "matchLabels") : selector;
        for (Map.Entry<String, Object> e : matchLabels.entrySet()) {
            if (!Objects.equals(String.valueOf(e.getValue()), String.valueOf(labels.get(e.getKey())))) {
                return false;
            }
        }
        for (Object x : list(selector, "matchExpressions")) {
            String key = str(x, "key");
            List<String> values = list(x, "values").stream().map(String::valueOf).toList();
            Object v = labels.get(key);
            boolean ok = switch (str(x, "operator")) {
                case "In" -> v != null && values.contains(v.toString());
                case "NotIn" -> v == null || !values.contains(v.toString());
                case "Exists" -> v != null;
                case "DoesNotExist" -> v == null;
                default -> false;
            };
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    // ---- Kafka, PostgreSQL ---------------------------------------------------------------------------

    private void kafka() {
        List<Map<String, Object>> clusters = all("Kafka");
        if (clusters.isEmpty()) {
            fail("Kafka: none in the overlay");
        }
        for (Map<String, Object> k : clusters) {
            Map<String, Object> ann = map(k, "metadata", "annotations");
            if (!"enabled".equals(str(ann, "strimzi.io/kraft")) || !"enabled".equals(str(ann, "strimzi.io/node-pools"))) {
                fail(id(k) + ": must run in KRaft mode with node pools (strimzi.io/kraft, strimzi.io/node-pools: enabled)");
            }
            List<Map<String, Object>> pools = all("KafkaNodePool").stream()
                    .filter(p -> name(k).equals(str(p, "metadata", "labels", "strimzi.io/cluster"))).toList();
            int brokers = pools.stream().filter(p -> list(p, "spec", "roles").contains("broker"))
                    .mapToInt(p -> ((Number) at(p, "spec", "replicas")).intValue()).sum();
            if (pools.stream().noneMatch(p -> list(p, "spec", "roles").contains("controller"))) {
                fail(id(k) + ": no KafkaNodePool with the controller role");
            }
            if (brokers < 3) {
                fail(id(k) + ": " + brokers + " brokers cannot hold replication factor 3");
            }
            if (list(k, "spec", "kafka", "listeners").stream().flatMap(l -> list(l, "networkPolicyPeers").stream())
                    .noneMatch(p -> selects(map(p, "namespaceSelector"), Map.of("kubernetes.io/metadata.name", KEDA_NAMESPACE)))
                    && !all("ScaledObject").isEmpty()) {
                fail(id(k) + ": KEDA (namespace " + KEDA_NAMESPACE + ") cannot reach the brokers to read lag");
            }
        }
        for (ServiceFacts svc : services.values()) {
            for (String t : svc.allTopics()) {
                if (!topics.containsKey(t)) {
                    fail("KafkaTopic/" + t + ": missing, but " + svc.name() + " uses it");
                }
            }
        }
        topics.forEach((name, t) -> {
            String tid = id(t);
            if (clusters.stream().noneMatch(k -> name(k).equals(str(t, "metadata", "labels", "strimzi.io/cluster")))) {
                fail(tid + ": label strimzi.io/cluster names no Kafka in the overlay");
            }
            Map<String, Object> cfg = map(t, "spec", "config");
            if (!Integer.valueOf(3).equals(at(t, "spec", "replicas"))) {
                fail(tid + ": replicas must be 3");
            }
            if (!"2".equals(str(cfg, "min.insync.replicas"))) {
                fail(tid + ": min.insync.replicas must be 2");
            }
            if (!(at(t, "spec", "partitions") instanceof Number n) || n.intValue() < 1) {
                fail(tid + ": needs a partition count");
            }
            if (cfg.get("retention.ms") == null) {
                fail(tid + ": needs retention.ms");
            }
            String policy = name.contains(".businesses.") ? "compact" : "delete";
            if (!policy.equals(str(cfg, "cleanup.policy"))) {
                fail(tid + ": cleanup.policy must be " + policy);
            }
        });
    }

    private void postgres() {
        List<Map<String, Object>> clusters = all("Cluster");
        for (Map<String, Object> db : all("Database")) {
            Optional<Map<String, Object>> c = clusters.stream().filter(x -> name(x).equals(str(db, "spec", "cluster", "name"))).findFirst();
            if (c.isEmpty()) {
                fail(id(db) + ": cluster " + str(db, "spec", "cluster", "name") + " does not exist");
            } else if (list(c.get(), "spec", "managed", "roles").stream().noneMatch(r -> str(db, "spec", "owner").equals(str(r, "name")))) {
                fail(id(db) + ": owner " + str(db, "spec", "owner") + " is no managed role of " + name(c.get()));
            }
        }
        for (Map<String, Object> c : clusters) {
            for (Object r : list(c, "spec", "managed", "roles")) {
                String s = str(r, "passwordSecret", "name");
                secretKey(id(c) + " role " + str(r, "name"), s, "username", false);
                secretKey(id(c) + " role " + str(r, "name"), s, "password", false);
            }
            String image = str(c, "spec", "imageName");
            if (image == null || Kustomizer.tag(image) == null || "latest".equals(Kustomizer.tag(image))) {
                fail(id(c) + ": imageName must be pinned to a version");
            }
            // every pod of every service at its autoscaler maximum, with a full pool, plus 10 for operators
            int needed = 10;
            for (ServiceFacts svc : services.values()) {
                if (svc.hasDatabase()) {
                    needed += maxReplicas(svc.name()) * svc.jdbcPoolSize();
                }
            }
            String max = str(c, "spec", "postgresql", "parameters", "max_connections");
            if (max == null || Integer.parseInt(max) < needed) {
                fail(id(c) + ": max_connections " + max + " < " + needed + " that the services may open at their maximum scale");
            }
        }
    }

    private int maxReplicas(String service) {
        for (Map<String, Object> h : all("HorizontalPodAutoscaler")) {
            if (service.equals(str(h, "spec", "scaleTargetRef", "name"))) {
                return ((Number) at(h, "spec", "maxReplicas")).intValue();
            }
        }
        for (Map<String, Object> s : all("ScaledObject")) {
            if (service.equals(str(s, "spec", "scaleTargetRef", "name"))) {
                return ((Number) Objects.requireNonNullElse(at(s, "spec", "maxReplicaCount"), 100)).intValue();
            }
        }
        return one("Deployment", service).map(d -> ((Number) Objects.requireNonNullElse(at(d, "spec", "replicas"), 1)).intValue()).orElse(0);
    }

    // ---- Ingress ----------------------------------------------------------------------------------------

    /** [path, service, port] of every route of an Ingress. */
    private static List<String[]> backends(Map<String, Object> ingress) {
        List<String[]> out = new ArrayList<>();
        for (Object rule : list(ingress, "spec", "rules")) {
            for (Object p : list(rule, "http", "paths")) {
                Object port = Objects.requireNonNullElse(at(p, "backend", "service", "port", "name"), at(p, "backend", "service", "port", "number"));
                out.add(new String[] {str(p, "path"), str(p, "backend", "service", "name"), String.valueOf(port), str(p, "pathType")});
            }
        }
        return out;
    }

    private void ingress() {
        List<Map<String, Object>> ingresses = all("Ingress");
        List<String[]> routes = new ArrayList<>();
        for (Map<String, Object> i : ingresses) {
            for (String[] b : backends(i)) {
                routes.add(b);
                Optional<Map<String, Object>> s = one("Service", b[1]);
                if (s.isEmpty()) {
                    fail(id(i) + ": path " + b[0] + " goes to Service " + b[1] + ", which does not exist");
                    continue;
                }
                if (list(s.get(), "spec", "ports").stream().noneMatch(p -> b[2].equals(str(p, "name")) || b[2].equals(str(p, "port")))) {
                    fail(id(i) + ": path " + b[0] + " uses port " + b[2] + ", which Service " + b[1] + " does not have");
                }
                if (!"Prefix".equals(b[3]) && !"Exact".equals(b[3])) {
                    fail(id(i) + ": path " + b[0] + " needs pathType Prefix or Exact");
                }
                ServiceFacts svc = services.get(b[1]);
                if (svc != null && svc.webhookPaths().stream().noneMatch(w -> prefixMatches(b[0], w))) {
                    fail(id(i) + ": path " + b[0] + " matches no webhook that " + b[1] + " serves " + svc.webhookPaths());
                }
            }
            for (Object tls : list(i, "spec", "tls")) {
                String secret = str(tls, "secretName");
                Map<String, Object> ann = map(i, "metadata", "annotations");
                boolean issued = ann.containsKey("cert-manager.io/cluster-issuer") || ann.containsKey("cert-manager.io/issuer");
                if (!issued && !secrets.containsKey(secret)) {
                    fail(id(i) + ": TLS Secret " + secret + " is neither declared nor issued by cert-manager");
                }
            }
        }
        for (ServiceFacts svc : services.values()) {
            for (String w : svc.webhookPaths()) {
                String target = route(routes, w);
                if (!svc.name().equals(target)) {
                    fail("Ingress: webhook " + w + " of " + svc.name() + " is routed to " + target);
                }
            }
            for (String a : svc.apiPaths()) {
                if (route(routes, a) != null) {
                    fail("Ingress: internal API " + a + " of " + svc.name() + " is exposed");
                }
            }
        }
        for (String q : List.of("/q/health", "/q/metrics", "/q/openapi")) {
            if (route(routes, q) != null) {
                fail("Ingress: " + q + " is exposed");
            }
        }
    }

    /** Longest matching route, Kubernetes Prefix semantics (whole path elements). */
    private static String route(List<String[]> routes, String path) {
        String best = null;
        int bestLen = -1;
        for (String[] r : routes) {
            boolean match = "Exact".equals(r[3]) ? r[0].equals(path) : prefixMatches(r[0], path);
            if (match && r[0].length() > bestLen) {
                best = r[1];
                bestLen = r[0].length();
            }
        }
        return best;
    }

    private static boolean prefixMatches(String prefix, String path) {
        String p = prefix.endsWith("/") ? prefix.substring(0, prefix.length() - 1) : prefix;
        return p.isEmpty() || path.equals(p) || path.startsWith(p + "/");
    }

    // ---- monitoring -------------------------------------------------------------------------------------

    private void monitoring() {
        List<Map<String, Object>> monitors = all("ServiceMonitor");
        if (!monitors.isEmpty()) {
            for (String svc : services.keySet()) {
                Optional<Map<String, Object>> s = one("Service", svc);
                if (s.isEmpty()) {
                    continue;
                }
                Map<String, Object> labels = map(s.get(), "metadata", "labels");
                Set<String> portNames = new TreeSet<>();
                list(s.get(), "spec", "ports").forEach(p -> portNames.add(str(p, "name")));
                boolean scraped = monitors.stream().anyMatch(m -> selects(map(m, "spec", "selector"), labels)
                        && list(m, "spec", "endpoints").stream().anyMatch(e -> portNames.contains(str(e, "port"))
                                && "/q/metrics".equals(str(e, "path"))));
                if (!scraped) {
                    fail(id(s.get()) + ": no ServiceMonitor scrapes /q/metrics on one of its ports " + portNames);
                }
            }
        }
        Set<String> known = new TreeSet<>(STANDARD_METRICS);
        services.values().forEach(s -> known.addAll(s.prometheusCounters()));
        for (Map<String, Object> r : all("PrometheusRule")) {
            for (Object g : list(r, "spec", "groups")) {
                for (Object rule : list(g, "rules")) {
                    metrics(id(r) + " " + str(rule, "alert"), str(rule, "expr"), known);
                }
            }
        }
        for (Map<String, Object> cm : all("ConfigMap")) {
            if (!"1".equals(str(cm, "metadata", "labels", "grafana_dashboard"))) {
                continue;
            }
            map(cm, "data").forEach((file, json) -> {
                try {
                    JsonNode root = JSON.readTree(json.toString());
                    Set<String> used = new TreeSet<>();
                    for (JsonNode expr : root.findValues("expr")) {
                        used.addAll(metrics(id(cm) + " " + file, expr.asText(), known));
                    }
                    for (String required : List.of("textback_calls_recorded_total", "textback_texts_submissions_total",
                            "textback_texts_suppressed_total", "kafka_consumergroup_lag", "http_server_requests_seconds_count")) {
                        if (!used.contains(required)) {
                            fail(id(cm) + " " + file + ": the pipeline dashboard does not show " + required);
                        }
                    }
                } catch (java.io.IOException e) {
                    fail(id(cm) + " " + file + ": not JSON: " + e.getMessage());
                }
            });
        }
    }

    private Set<String> metrics(String where, String expr, Set<String> known) {
        Set<String> found = new TreeSet<>();
        Matcher m = METRIC.matcher(expr == null ? "" : expr);
        while (m.find()) {
            found.add(m.group(1));
        }
        if (found.isEmpty()) {
            fail(where + ": names no metric: " + expr);
        }
        found.stream().filter(n -> !known.contains(n))
                .forEach(n -> fail(where + ": metric " + n + " is neither a service counter nor a known exporter metric"));
        return found;
    }

    // ---- helpers -------------------------------------------------------------------------------------------

    private List<Map<String, Object>> all(String kind) {
        return docs.stream().filter(d -> kind.equals(kind(d))).toList();
    }

    private Optional<Map<String, Object>> one(String kind, String name) {
        return docs.stream().filter(d -> kind.equals(kind(d)) && name.equals(name(d))).findFirst();
    }

    private void fail(String message) {
        violations.add(message);
    }
}
