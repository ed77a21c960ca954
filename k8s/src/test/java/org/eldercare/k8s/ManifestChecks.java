package org.eldercare.k8s;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import static org.eldercare.k8s.Manifests.id;
import static org.eldercare.k8s.Manifests.name;

/**
 * The rules every rendered overlay must keep. Each check returns what it found wrong, one sentence
 * per problem, so that a failing test says exactly which object breaks which rule.
 */
public final class ManifestChecks {

    private static final Set<String> WORKLOADS = Set.of("Deployment", "StatefulSet");

    private ManifestChecks() {
    }

    /** All rules at once. */
    public static List<String> violations(Manifests m) {
        List<String> v = new ArrayList<>();
        v.addAll(workloads(m));
        v.addAll(references(m));
        v.addAll(servicesSelectPods(m));
        v.addAll(autoscalersTargetWorkloads(m));
        v.addAll(disruptionBudgetsSelectPods(m));
        v.addAll(everyWorkloadIsComplete(m));
        return v;
    }

    /** Probes on the SmallRye Health endpoints, requests and limits, and a non-root, locked-down context. */
    public static List<String> workloads(Manifests m) {
        List<String> v = new ArrayList<>();
        for (JsonNode w : m.ofKind("Deployment", "StatefulSet")) {
            JsonNode pod = w.path("spec").path("template").path("spec");
            JsonNode podContext = pod.path("securityContext");
            for (JsonNode c : pod.path("containers")) {
                String where = id(w) + " container " + c.path("name").asText();
                for (String probe : List.of("readinessProbe", "livenessProbe")) {
                    String path = c.path(probe).path("httpGet").path("path").asText("");
                    if (!path.startsWith("/q/health")) {
                        v.add(where + " has no " + probe + " on a /q/health endpoint");
                    }
                }
                for (String kind : List.of("requests", "limits")) {
                    for (String resource : List.of("cpu", "memory")) {
                        if (c.path("resources").path(kind).path(resource).asText("").isEmpty()) {
                            v.add(where + " has no " + resource + " " + kind);
                        }
                    }
                }
                JsonNode ctx = c.path("securityContext");
                boolean nonRoot = ctx.path("runAsNonRoot").asBoolean(podContext.path("runAsNonRoot").asBoolean(false));
                JsonNode uid = ctx.has("runAsUser") ? ctx.path("runAsUser") : podContext.path("runAsUser");
                if (!nonRoot) {
                    v.add(where + " may run as root: runAsNonRoot is not true");
                }
                if (uid.isNumber() && uid.asLong() == 0) {
                    v.add(where + " runs as uid 0");
                }
                if (ctx.path("allowPrivilegeEscalation").asBoolean(true)) {
                    v.add(where + " allows privilege escalation");
                }
                if (ctx.path("privileged").asBoolean(false)) {
                    v.add(where + " is privileged");
                }
            }
        }
        return v;
    }

    /**
     * Every ConfigMap and Secret that any object refers to exists in the rendered set, with the key
     * asked for. Secrets may also come from an ExternalSecret or a cert-manager Certificate.
     */
    public static List<String> references(Manifests m) {
        Map<String, Set<String>> configMaps = new HashMap<>();
        for (JsonNode cm : m.ofKind("ConfigMap")) {
            configMaps.put(name(cm), keys(cm.path("data"), cm.path("binaryData")));
        }
        Map<String, Set<String>> secrets = secretsProvided(m);
        List<String> v = new ArrayList<>();
        for (JsonNode o : m.all()) {
            String kind = o.path("kind").asText();
            if (Set.of("Secret", "ConfigMap", "ExternalSecret", "Certificate").contains(kind)) {
                continue;
            }
            walk(o, id(o), configMaps, secrets, v);
        }
        return v;
    }

    private static void walk(JsonNode node, String where, Map<String, Set<String>> configMaps,
                             Map<String, Set<String>> secrets, List<String> v) {
        if (node.isArray()) {
            for (JsonNode n : node) {
                walk(n, where, configMaps, secrets, v);
            }
            return;
        }
        if (!node.isObject()) {
            return;
        }
        Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> f = fields.next();
            String field = f.getKey();
            JsonNode value = f.getValue();
            switch (field) {
                case "configMapKeyRef" -> require(where, "ConfigMap", configMaps, value.path("name").asText(),
                        value.path("key").asText(null), v);
                case "configMapRef" -> require(where, "ConfigMap", configMaps, value.path("name").asText(), null, v);
                case "configMap" -> {
                    if (value.isObject() && value.has("name")) {
                        require(where, "ConfigMap", configMaps, value.path("name").asText(), null, v);
                        for (JsonNode item : value.path("items")) {
                            require(where, "ConfigMap", configMaps, value.path("name").asText(), item.path("key").asText(), v);
                        }
                    }
                }
                case "secretKeyRef" -> require(where, "Secret", secrets, value.path("name").asText(),
                        value.path("key").asText(null), v);
                case "secretRef", "passwordSecret" -> require(where, "Secret", secrets, value.path("name").asText(), null, v);
                case "secretName" -> require(where, "Secret", secrets, value.asText(), null, v);
                case "secret" -> {
                    if (value.isObject() && value.has("secretName")) {
                        String secret = value.path("secretName").asText();
                        require(where, "Secret", secrets, secret, null, v);
                        for (JsonNode item : value.path("items")) {
                            require(where, "Secret", secrets, secret, item.path("key").asText(), v);
                        }
                        continue;
                    }
                    if (value.isObject() && value.has("name") && value.size() == 1) {
                        require(where, "Secret", secrets, value.path("name").asText(), null, v); // CloudNativePG initdb.secret
                    }
                }
                case "s3Credentials" -> {
                    for (JsonNode ref : value) {
                        require(where, "Secret", secrets, ref.path("name").asText(), ref.path("key").asText(null), v);
                    }
                }
                default -> {
                }
            }
            walk(value, where, configMaps, secrets, v);
        }
    }

    private static void require(String where, String kind, Map<String, Set<String>> existing, String name, String key,
                                List<String> v) {
        if (name == null || name.isEmpty()) {
            v.add(where + " refers to a " + kind + " without a name");
            return;
        }
        Set<String> keys = existing.get(name);
        if (keys == null) {
            v.add(where + " refers to " + kind + " " + name + ", which is not in the rendered set");
        } else if (key != null && !keys.contains(key)) {
            v.add(where + " refers to key " + key + " of " + kind + " " + name + ", which has only " + new TreeSet<>(keys));
        }
    }

    /** Secrets by name and their keys, whether written out, synchronised from a store or issued. */
    static Map<String, Set<String>> secretsProvided(Manifests m) {
        Map<String, Set<String>> secrets = new HashMap<>();
        for (JsonNode s : m.ofKind("Secret")) {
            secrets.put(name(s), keys(s.path("data"), s.path("stringData")));
        }
        for (JsonNode es : m.ofKind("ExternalSecret")) {
            JsonNode target = es.path("spec").path("target");
            String name = target.path("name").asText(name(es));
            JsonNode templated = target.path("template").path("data");
            Set<String> keys = new HashSet<>();
            if (templated.isObject() && templated.size() > 0) {
                templated.fieldNames().forEachRemaining(keys::add);
            } else {
                for (JsonNode d : es.path("spec").path("data")) {
                    keys.add(d.path("secretKey").asText());
                }
            }
            secrets.put(name, keys);
        }
        for (JsonNode cert : m.ofKind("Certificate")) {
            secrets.put(cert.path("spec").path("secretName").asText(), Set.of("tls.crt", "tls.key", "ca.crt"));
        }
        return secrets;
    }

    private static Set<String> keys(JsonNode... maps) {
        Set<String> keys = new HashSet<>();
        for (JsonNode map : maps) {
            map.fieldNames().forEachRemaining(keys::add);
        }
        return keys;
    }

    /** Every Service with a selector selects pods of a workload here or of an operator-run cluster here. */
    public static List<String> servicesSelectPods(Manifests m) {
        List<Map<String, String>> pods = podLabelSets(m);
        List<String> v = new ArrayList<>();
        for (JsonNode s : m.ofKind("Service")) {
            JsonNode selector = s.path("spec").path("selector");
            if (!selector.isObject() || selector.isEmpty()) {
                v.add(id(s) + " has no selector");
            } else if (pods.stream().noneMatch(p -> matches(selector, p))) {
                v.add(id(s) + " selects " + selector + ", which matches no pods");
            }
        }
        return v;
    }

    public static List<String> disruptionBudgetsSelectPods(Manifests m) {
        List<Map<String, String>> pods = podLabelSets(m);
        List<String> v = new ArrayList<>();
        for (JsonNode pdb : m.ofKind("PodDisruptionBudget")) {
            JsonNode selector = pdb.path("spec").path("selector").path("matchLabels");
            if (!selector.isObject() || selector.isEmpty() || pods.stream().noneMatch(p -> matches(selector, p))) {
                v.add(id(pdb) + " selects no pods");
            }
        }
        return v;
    }

    /** Every autoscaler targets a Deployment or StatefulSet that is in the rendered set. */
    public static List<String> autoscalersTargetWorkloads(Manifests m) {
        Set<String> workloads = new HashSet<>();
        for (JsonNode w : m.ofKind("Deployment", "StatefulSet")) {
            workloads.add(id(w));
        }
        List<String> v = new ArrayList<>();
        for (JsonNode hpa : m.ofKind("HorizontalPodAutoscaler")) {
            JsonNode ref = hpa.path("spec").path("scaleTargetRef");
            String target = ref.path("kind").asText() + "/" + ref.path("name").asText();
            if (!WORKLOADS.contains(ref.path("kind").asText()) || !workloads.contains(target)) {
                v.add(id(hpa) + " targets " + target + ", which is not a Deployment or StatefulSet here");
            }
            int min = hpa.path("spec").path("minReplicas").asInt(1);
            int max = hpa.path("spec").path("maxReplicas").asInt(0);
            if (min < 1 || max < min) {
                v.add(id(hpa) + " has minReplicas " + min + " and maxReplicas " + max);
            }
        }
        return v;
    }

    /** Each service comes with its Service, PodDisruptionBudget and HorizontalPodAutoscaler. */
    public static List<String> everyWorkloadIsComplete(Manifests m) {
        List<String> v = new ArrayList<>();
        for (JsonNode w : m.ofKind("Deployment", "StatefulSet")) {
            Map<String, String> labels = labels(w.path("spec").path("template").path("metadata").path("labels"));
            boolean service = m.ofKind("Service").stream().anyMatch(s -> s.path("spec").path("clusterIP").asText().isEmpty()
                    && matches(s.path("spec").path("selector"), labels));
            boolean pdb = m.ofKind("PodDisruptionBudget").stream()
                    .anyMatch(p -> matches(p.path("spec").path("selector").path("matchLabels"), labels));
            boolean hpa = m.ofKind("HorizontalPodAutoscaler").stream()
                    .anyMatch(h -> id(w).equals(h.path("spec").path("scaleTargetRef").path("kind").asText() + "/"
                            + h.path("spec").path("scaleTargetRef").path("name").asText()));
            if (!service) {
                v.add(id(w) + " has no Service");
            }
            if (!pdb) {
                v.add(id(w) + " has no PodDisruptionBudget");
            }
            if (!hpa) {
                v.add(id(w) + " has no HorizontalPodAutoscaler");
            }
        }
        return v;
    }

    /**
     * Pod label sets: the workloads' templates, plus the labels the operators put on the pods they
     * run for the custom resources here (EMQX's core nodes, CloudNativePG's instances).
     */
    static List<Map<String, String>> podLabelSets(Manifests m) {
        List<Map<String, String>> pods = new ArrayList<>();
        for (JsonNode w : m.ofKind("Deployment", "StatefulSet")) {
            pods.add(labels(w.path("spec").path("template").path("metadata").path("labels")));
        }
        for (JsonNode emqx : m.ofKind("EMQX")) {
            pods.add(Map.of("apps.emqx.io/instance", name(emqx), "apps.emqx.io/managed-by", "emqx-operator",
                    "apps.emqx.io/db-role", "core"));
        }
        for (JsonNode cluster : m.ofKind("Cluster")) {
            pods.add(Map.of("cnpg.io/cluster", name(cluster)));
        }
        return pods;
    }

    static Map<String, String> labels(JsonNode node) {
        Map<String, String> labels = new HashMap<>();
        node.fields().forEachRemaining(e -> labels.put(e.getKey(), e.getValue().asText()));
        return labels;
    }

    static boolean matches(JsonNode selector, Map<String, String> labels) {
        if (!selector.isObject() || selector.isEmpty()) {
            return false;
        }
        Iterator<Map.Entry<String, JsonNode>> it = selector.fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> e = it.next();
            if (!e.getValue().asText().equals(labels.get(e.getKey()))) {
                return false;
            }
        }
        return true;
    }
}
