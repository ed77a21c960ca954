package org.eldercare.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Watches for a benchmark, provisioned through the gateway's own API: one CSV import (the broker
 * accounts come with it), then each watch bound to an elder of its own.
 */
final class BenchFleet {

    /** A provisioned watch, its secret (shown once by the import) and the elder it is bound to. */
    record Watch(String deviceId, String secret, String elderId) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private BenchFleet() {
    }

    /**
     * Imports {@code count} watches named {@code <idPrefix><i>} and binds the i-th to elder
     * {@code <elderPrefix><i>}; fails with the gateway's answer if a call is refused.
     */
    static List<Watch> provision(HttpClient http, String gateway, String token, String idPrefix, String elderPrefix,
                                 int count, Duration importTimeout) throws IOException, InterruptedException {
        StringBuilder csv = new StringBuilder("deviceId,model,firmware,serial\n");
        for (int i = 0; i < count; i++) {
            String id = idPrefix + i;
            csv.append(id).append(",EC-BENCH,2.4.1,SN-").append(id).append('\n');
        }
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(gateway + "/api/devices/import"))
                .header("Authorization", "Bearer " + token).header("Content-Type", "text/csv")
                .timeout(importTimeout).POST(HttpRequest.BodyPublishers.ofString(csv.toString())).build(),
                HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 201) {
            throw new IllegalStateException("import failed: " + r.statusCode() + " " + r.body());
        }
        List<Watch> out = new ArrayList<>();
        for (JsonNode n : JSON.readTree(r.body()).get("created")) {
            Watch w = new Watch(n.get("deviceId").asText(), n.get("secret").asText(), elderPrefix + out.size());
            HttpResponse<String> b = http.send(HttpRequest.newBuilder(URI.create(gateway + "/api/devices/" + w.deviceId() + "/binding"))
                            .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                            .PUT(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(java.util.Map.of("elderId", w.elderId()))))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            if (b.statusCode() != 200) {
                throw new IllegalStateException("bind failed: " + b.statusCode() + " " + b.body());
            }
            out.add(w);
        }
        return out;
    }

    static double secondsSince(long nanoStart) {
        return (System.nanoTime() - nanoStart) / 1e9;
    }
}
