package org.eldercare.k8s;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * What the NetworkPolicies let through, as readable lines such as
 * {@code "alert-service -> visit-service:8083"}. Peers are named by the label that identifies them:
 * {@code app.kubernetes.io/name}, the EMQX instance, the CloudNativePG cluster, a namespace
 * ({@code ns:monitoring}), {@code outside} for an address block, {@code *} for anyone.
 */
public final class NetworkFlows {

    private NetworkFlows() {
    }

    /** Flows admitted by ingress rules, written {@code from -> protected pods:port}. */
    public static Set<String> ingress(Manifests m) {
        Set<String> flows = new TreeSet<>();
        for (JsonNode np : m.ofKind("NetworkPolicy")) {
            String target = peer(np.path("spec").path("podSelector"), null);
            for (JsonNode rule : np.path("spec").path("ingress")) {
                for (String from : peers(rule.path("from"))) {
                    for (String port : ports(rule)) {
                        flows.add(from + " -> " + target + ":" + port);
                    }
                }
            }
        }
        return flows;
    }

    /** Flows admitted by egress rules, written {@code protected pods -> to:port}. */
    public static Set<String> egress(Manifests m) {
        Set<String> flows = new TreeSet<>();
        for (JsonNode np : m.ofKind("NetworkPolicy")) {
            String source = peer(np.path("spec").path("podSelector"), null);
            for (JsonNode rule : np.path("spec").path("egress")) {
                for (String to : peers(rule.path("to"))) {
                    for (String port : ports(rule)) {
                        flows.add(source + " -> " + to + ":" + port);
                    }
                }
            }
        }
        return flows;
    }

    /** Pods selected by a policy of each type; a namespace-wide default deny selects everyone. */
    public static Set<String> defaultDenied(Manifests m) {
        Set<String> types = new TreeSet<>();
        for (JsonNode np : m.ofKind("NetworkPolicy")) {
            JsonNode spec = np.path("spec");
            if (spec.path("podSelector").isEmpty() && !spec.has("ingress") && !spec.has("egress")) {
                spec.path("policyTypes").forEach(t -> types.add(t.asText()));
            }
        }
        return types;
    }

    private static List<String> peers(JsonNode list) {
        List<String> peers = new ArrayList<>();
        if (list.isMissingNode() || list.isEmpty()) {
            peers.add("*");
            return peers;
        }
        for (JsonNode p : list) {
            if (p.has("ipBlock")) {
                peers.add("outside");
                continue;
            }
            String ns = p.has("namespaceSelector")
                    ? "ns:" + p.path("namespaceSelector").path("matchLabels").path("kubernetes.io/metadata.name").asText("*")
                    : null;
            peers.add(p.has("podSelector") ? peer(p.path("podSelector"), ns) : ns);
        }
        return peers;
    }

    private static String peer(JsonNode podSelector, String namespace) {
        JsonNode labels = podSelector.path("matchLabels");
        String pods;
        if (labels.has("app.kubernetes.io/name")) {
            pods = labels.path("app.kubernetes.io/name").asText();
        } else if (labels.has("apps.emqx.io/instance")) {
            pods = labels.path("apps.emqx.io/instance").asText();
        } else if (labels.has("cnpg.io/cluster")) {
            pods = labels.path("cnpg.io/cluster").asText();
        } else if (labels.has("k8s-app")) {
            pods = labels.path("k8s-app").asText();
        } else {
            pods = labels.isEmpty() ? "*" : labels.toString();
        }
        return namespace == null ? pods : namespace + "/" + pods;
    }

    private static List<String> ports(JsonNode rule) {
        List<String> ports = new ArrayList<>();
        JsonNode list = rule.path("ports");
        if (list.isMissingNode() || list.isEmpty()) {
            ports.add("*");
            return ports;
        }
        for (JsonNode p : list) {
            String port = p.path("port").asText("*");
            if (!ports.contains(port)) {
                ports.add(port);
            }
        }
        return ports;
    }
}
