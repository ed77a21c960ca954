package org.eldercare.k8s;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import static org.eldercare.k8s.Manifests.name;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Renders both overlays with kubectl kustomize and checks what a cluster would receive. */
class ManifestTest {

    private static final Set<String> SERVICES = Set.of("device-gateway", "alert-service", "visit-service", "bed-registry",
            "station-ops");
    /** The services and the console: each runs from its own image, with its Service, budget, autoscaler and monitor. */
    private static final Set<String> WORKLOADS = Set.of("device-gateway", "alert-service", "visit-service", "bed-registry",
            "station-ops", "console");
    private static final Set<String> MQTT_CONSUMERS = Set.of("device-gateway", "alert-service", "visit-service");
    private static final List<String> DATABASE_CLIENTS = List.copyOf(new TreeSet<>(SERVICES));

    private static final Map<String, Manifests> RENDERED = new java.util.HashMap<>();

    private static final Path ROOT = Path.of(System.getProperty("eldercare.root", "..")).toAbsolutePath().normalize();

    @BeforeAll
    static void render() throws Exception {
        for (String overlay : List.of("dev", "prod")) {
            RENDERED.put(overlay, Manifests.render(ROOT, "k8s/overlays/" + overlay));
        }
    }

    /** Images come from the Jib extension, only when asked for, and run as the user the pods are told to run as. */
    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void imagesAreBuiltOnRequestAndRunAsThePodsUser(String overlay) {
        for (JsonNode w : RENDERED.get(overlay).ofKind("Deployment", "StatefulSet")) {
            BuiltImage built = BuiltImage.of(ROOT, name(w));
            assertTrue(built.jib(), name(w) + " builds its image with the Quarkus Jib extension");
            assertFalse(built.buildByDefault(), name(w) + ": ./mvnw verify must need no registry");
            assertFalse(built.setInPom(), name(w) + ": container image settings belong in application.properties");
            assertEquals(built.user(), w.path("spec").path("template").path("spec").path("securityContext").path("runAsUser")
                    .asText(), name(w) + " runAsUser");
        }
        // The image starts the JVM through run-java.sh with JAVA_OPTS_APPEND carrying the log manager; the
        // ConfigMap's value replaces the image's, so it must carry it too.
        JsonNode platform = RENDERED.get(overlay).ofKind("ConfigMap").stream().filter(c -> name(c).equals("eldercare-platform"))
                .findFirst().orElseThrow();
        assertTrue(platform.path("data").path("JAVA_OPTS_APPEND").asText().contains("-Djava.util.logging.manager=org.jboss.logmanager.LogManager"),
                "JAVA_OPTS_APPEND keeps the JBoss log manager");
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void everyRuleHolds(String overlay) {
        assertEquals(List.of(), ManifestChecks.violations(RENDERED.get(overlay)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void everyServiceRunsFromItsImageInTheNamespace(String overlay) {
        Manifests m = RENDERED.get(overlay);
        Map<String, JsonNode> workloads = m.ofKind("Deployment", "StatefulSet").stream()
                .collect(Collectors.toMap(Manifests::name, w -> w));
        assertEquals(WORKLOADS, workloads.keySet());
        // dev runs the images as the build names them; prod pulls them from the district's registry
        String registry = "prod".equals(overlay) ? "registry.district.internal/" : "";
        for (var e : workloads.entrySet()) {
            JsonNode pod = e.getValue().path("spec").path("template").path("spec");
            String image = pod.path("containers").path(0).path("image").asText();
            assertEquals(registry + BuiltImage.of(ROOT, e.getKey()).reference(), image, e.getKey() + " runs " + image);
        }
        for (JsonNode o : m.all()) {
            if (!"Namespace".equals(o.path("kind").asText())) {
                assertEquals("eldercare", o.path("metadata").path("namespace").asText(), Manifests.id(o) + " namespace");
            }
        }
    }

    /** Persistent MQTT sessions are found again by client id: each consumer replica keeps its name across restarts. */
    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void mqttConsumersAreStatefulSetsNamedByTheirPods(String overlay) {
        for (JsonNode sts : RENDERED.get(overlay).ofKind("StatefulSet")) {
            assertTrue(MQTT_CONSUMERS.contains(name(sts)), name(sts));
            JsonNode env = sts.path("spec").path("template").path("spec").path("containers").path(0).path("env");
            boolean instanceFromPodName = false;
            for (JsonNode var : env) {
                if ("INSTANCE_ID".equals(var.path("name").asText())) {
                    instanceFromPodName = "metadata.name".equals(var.path("valueFrom").path("fieldRef").path("fieldPath").asText());
                }
            }
            assertTrue(instanceFromPodName, name(sts) + " takes INSTANCE_ID from its pod name");
        }
        assertEquals(MQTT_CONSUMERS, RENDERED.get(overlay).ofKind("StatefulSet").stream().map(Manifests::name)
                .collect(Collectors.toSet()));
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void eachServiceOwnsItsDatabase(String overlay) {
        Manifests m = RENDERED.get(overlay);
        Set<String> databases = m.ofKind("Database").stream().map(d -> d.path("spec").path("name").asText())
                .collect(Collectors.toSet());
        Set<String> owners = m.ofKind("Database").stream().map(d -> d.path("spec").path("owner").asText())
                .collect(Collectors.toSet());
        Set<String> configured = new TreeSet<>();
        for (String service : SERVICES) {
            JsonNode cm = m.ofKind("ConfigMap").stream().filter(c -> name(c).equals(service + "-config")).findFirst().orElseThrow();
            configured.add(cm.path("data").path("ELDERCARE_DB_NAME").asText());
        }
        assertEquals(configured, databases);
        assertEquals(databases, owners);
        JsonNode cluster = m.ofKind("Cluster").get(0);
        Set<String> roles = new TreeSet<>();
        cluster.path("spec").path("managed").path("roles").forEach(r -> roles.add(r.path("name").asText()));
        assertEquals(owners, roles);
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void brokerDelegatesDeviceAuthToTheGatewayAndFailsClosed(String overlay) {
        JsonNode emqx = RENDERED.get(overlay).ofKind("EMQX").get(0);
        String config = emqx.path("spec").path("config").path("data").asText();
        assertTrue(config.contains("url = \"http://device-gateway:8081/api/broker/authenticate\""), config);
        assertTrue(config.contains("url = \"http://device-gateway:8081/api/broker/authorize\""), config);
        assertTrue(config.contains("no_match = deny"), "authorization without an answer must deny");
        assertTrue(config.contains("listeners.ssl.default"), "devices connect with TLS");
        assertTrue(config.contains("shared_subscription_strategy"), "replicas split shared subscriptions");
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void networkPoliciesAllowOnlyTheArchitecturesFlows(String overlay) {
        Manifests m = RENDERED.get(overlay);
        assertEquals(Set.of("Egress", "Ingress"), NetworkFlows.defaultDenied(m));
        Set<String> ingress = new TreeSet<>(List.of(
                "console -> device-gateway:8081", "emqx -> device-gateway:8081", "ns:monitoring -> device-gateway:8081",
                "console -> alert-service:8082", "ns:monitoring -> alert-service:8082",
                "alert-service -> visit-service:8083", "console -> visit-service:8083",
                "ns:ingress-nginx -> visit-service:8083", "ns:monitoring -> visit-service:8083",
                "station-ops -> bed-registry:8084", "console -> bed-registry:8084", "ns:monitoring -> bed-registry:8084",
                "console -> station-ops:8085", "ns:monitoring -> station-ops:8085",
                "ns:ingress-nginx -> console:8086", "ns:monitoring -> console:8086",
                "* -> emqx:8883", "device-gateway -> emqx:1883", "alert-service -> emqx:1883", "visit-service -> emqx:1883",
                "emqx -> emqx:*", "ns:emqx-operator-system -> emqx:18083", "ns:monitoring -> emqx:18083",
                "eldercare-db -> eldercare-db:5432", "eldercare-db -> eldercare-db:8000",
                "ns:cnpg-system -> eldercare-db:8000", "ns:monitoring -> eldercare-db:9187"));
        Set<String> egress = new TreeSet<>(List.of(
                "* -> ns:kube-system/kube-dns:53",
                "device-gateway -> emqx:1883", "alert-service -> emqx:1883", "visit-service -> emqx:1883",
                "alert-service -> visit-service:8083", "alert-service -> outside:443", "station-ops -> bed-registry:8084",
                "console -> device-gateway:8081", "console -> alert-service:8082", "console -> visit-service:8083",
                "console -> bed-registry:8084", "console -> station-ops:8085", "console -> ns:identity:8080",
                "emqx -> device-gateway:8081", "emqx -> emqx:*",
                "eldercare-db -> eldercare-db:5432", "eldercare-db -> eldercare-db:8000",
                "eldercare-db -> *:443", "eldercare-db -> *:6443"));
        for (String service : DATABASE_CLIENTS) {
            ingress.add(service + " -> eldercare-db:5432");
            egress.add(service + " -> eldercare-db:5432");
            egress.add(service + " -> ns:identity:8080");
        }
        assertEquals(ingress, NetworkFlows.ingress(m));
        assertEquals(egress, NetworkFlows.egress(m));
    }

    /** A flow between two of the platform's own pods needs both ends to agree, or it is dead on one side. */
    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void podToPodFlowsAreOpenAtBothEnds(String overlay) {
        Manifests m = RENDERED.get(overlay);
        Set<String> ours = new TreeSet<>(WORKLOADS);
        ours.addAll(List.of("emqx", "eldercare-db"));
        Set<String> ingress = NetworkFlows.ingress(m);
        List<String> oneSided = new ArrayList<>();
        for (String flow : NetworkFlows.egress(m)) {
            String from = flow.substring(0, flow.indexOf(" -> "));
            String to = flow.substring(flow.indexOf(" -> ") + 4, flow.lastIndexOf(':'));
            if (ours.contains(from) && ours.contains(to) && !ingress.contains(flow)) {
                oneSided.add(flow);
            }
        }
        for (String flow : ingress) {
            String from = flow.substring(0, flow.indexOf(" -> "));
            String to = flow.substring(flow.indexOf(" -> ") + 4, flow.lastIndexOf(':'));
            if (ours.contains(from) && ours.contains(to) && !NetworkFlows.egress(m).contains(flow)) {
                oneSided.add(flow);
            }
        }
        assertEquals(List.of(), oneSided);
    }

    @Test
    void productionKeepsNoCredentialsInTheRepositoryAndNeverTrustsTheDevelopmentKey() {
        Manifests prod = RENDERED.get("prod");
        assertEquals(List.of(), prod.ofKind("Secret").stream().map(Manifests::name).toList(),
                "production Secrets come from the secret store (ExternalSecret), never from the repository");
        JsonNode platform = prod.ofKind("ConfigMap").stream().filter(c -> name(c).equals("eldercare-platform")).findFirst()
                .orElseThrow();
        String key = platform.path("data").path("JWT_PUBLIC_KEY_LOCATION").asText();
        assertFalse(key.isEmpty() || key.contains("dev-jwt"), "production JWT key location: " + key);
        assertFalse(platform.path("data").path("JWT_ISSUER").asText("eldercare-dev").equals("eldercare-dev"));
        JsonNode beds = prod.ofKind("ConfigMap").stream().filter(c -> name(c).equals("bed-registry-config")).findFirst()
                .orElseThrow();
        assertEquals("false", beds.path("data").path("ELDERCARE_SEED").asText(), "no demo district in production");
    }

    /**
     * The console's development sign-in mints tokens with the public development key: on in dev (no identity
     * provider there), off in prod, where users sign in through the district's provider.
     */
    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void consoleSignsInThroughTheProviderInProductionAndWithDemoUsersInDevelopment(String overlay) {
        JsonNode config = RENDERED.get(overlay).ofKind("ConfigMap").stream().filter(c -> name(c).equals("console-config"))
                .findFirst().orElseThrow().path("data");
        boolean prod = "prod".equals(overlay);
        assertEquals(String.valueOf(!prod), config.path("CONSOLE_DEV_SIGN_IN").asText(), overlay + " CONSOLE_DEV_SIGN_IN");
        assertEquals(String.valueOf(prod), config.path("CONSOLE_OIDC").asText(), overlay + " CONSOLE_OIDC");
        if (prod) {
            String provider = config.path("OIDC_AUTH_SERVER_URL").asText();
            assertTrue(provider.startsWith("http") && !provider.contains("127.0.0.1") && !provider.contains("localhost"),
                    "production identity provider: " + provider);
            assertFalse(config.path("CONSOLE_DISTRICT_AREA").asText("demo").equals("demo"), "production district area");
        }
        // every service URL names that service's Service and port
        Map<String, String> urls = Map.of("GATEWAY_URL", "device-gateway", "ALERT_SERVICE_URL", "alert-service",
                "VISIT_SERVICE_URL", "visit-service", "BED_REGISTRY_URL", "bed-registry", "STATION_OPS_URL", "station-ops");
        for (var e : urls.entrySet()) {
            JsonNode service = RENDERED.get(overlay).ofKind("Service").stream().filter(x -> name(x).equals(e.getValue()))
                    .findFirst().orElseThrow();
            assertEquals("http://" + e.getValue() + ":" + service.path("spec").path("ports").path(0).path("port").asText(),
                    config.path(e.getKey()).asText(), e.getKey());
        }
    }

    /** Development credentials are public: each must say so, so that nobody mistakes one for a real secret. */
    @Test
    void developmentSecretsAreVisiblyFake() {
        Set<String> userNames = new TreeSet<>(List.of("gateway", "alerting", "visits", "beds", "stationops", "platform"));
        List<String> real = new ArrayList<>();
        for (JsonNode secret : RENDERED.get("dev").ofKind("Secret")) {
            secret.path("data").fields().forEachRemaining(e -> {
                String value = decode(e.getValue().asText());
                String inner = value.matches("[A-Za-z0-9+/=]{16,}") ? decode(value) : value;
                boolean fake = value.isEmpty() || userNames.contains(value) || value.contains("dev-only")
                        || inner.contains("dev-only");
                if (!fake) {
                    real.add(name(secret) + "/" + e.getKey());
                }
            });
        }
        assertEquals(List.of(), real);
    }

    /** Lenient: long values come back from the YAML folded, with spaces in them. */
    private static String decode(String base64) {
        try {
            return new String(java.util.Base64.getMimeDecoder().decode(base64), java.nio.charset.StandardCharsets.UTF_8);
        } catch (IllegalArgumentException notBase64) {
            return base64;
        }
    }

    @Test
    void productionDatabaseIsReplicatedAndBackedUp() {
        Manifests prod = RENDERED.get("prod");
        JsonNode cluster = prod.ofKind("Cluster").get(0);
        assertEquals(3, cluster.path("spec").path("instances").asInt());
        assertTrue(cluster.path("spec").path("backup").path("barmanObjectStore").has("destinationPath"));
        assertEquals(List.of(name(cluster)), prod.ofKind("ScheduledBackup").stream()
                .map(b -> b.path("spec").path("cluster").path("name").asText()).toList());
        assertEquals(3, prod.ofKind("EMQX").get(0).path("spec").path("coreTemplate").path("spec").path("replicas").asInt());
        for (JsonNode w : prod.ofKind("Deployment", "StatefulSet")) {
            assertTrue(w.path("spec").path("replicas").asInt() >= 2, Manifests.id(w) + " runs at least two replicas");
        }
    }

    @Test
    void grafanaDashboardShowsWhatOperatorsWatch() {
        JsonNode cm = RENDERED.get("prod").ofKind("ConfigMap").stream()
                .filter(c -> "1".equals(c.path("metadata").path("labels").path("grafana_dashboard").asText()))
                .findFirst().orElseThrow();
        String dashboard = cm.path("data").path("eldercare-overview.json").asText();
        for (String metric : List.of("eldercare_gateway_accepted_total", "eldercare_gateway_rejected_total",
                "eldercare_alert_open", "eldercare_alert_time_to_accept_seconds_bucket",
                "eldercare_alert_delivery_attempts_total")) {
            assertTrue(dashboard.contains(metric), metric);
        }
        assertEquals(WORKLOADS, RENDERED.get("prod").ofKind("ServiceMonitor").stream().map(Manifests::name)
                .collect(Collectors.toSet()));
    }
}
