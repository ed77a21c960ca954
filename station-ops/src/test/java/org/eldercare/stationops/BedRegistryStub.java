package org.eldercare.stationops;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * A small HTTP server standing in for bed-registry's {@code GET /api/bed-days} in tests, so that the
 * real REST client is exercised over HTTP. Tests store the answer for a station and month with
 * {@code POST /__stub/bed-days?stationId=&month=}; stations named {@code down-*} get a 503 and
 * {@code dead-*} a closed connection. It insists on the service token station-ops is configured with.
 */
public class BedRegistryStub implements QuarkusTestResourceLifecycleManager {

    public static final String TOKEN = "test-service-token";

    private Vertx vertx;
    private final Map<String, String> answers = new ConcurrentHashMap<>();

    @Override
    public Map<String, String> start() {
        vertx = Vertx.vertx();
        try {
            HttpServer server = vertx.createHttpServer().requestHandler(this::handle).listen(0, "127.0.0.1")
                    .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
            return Map.of("eldercare.bed-registry.url", "http://127.0.0.1:" + server.actualPort(),
                    "eldercare.bed-registry.token", TOKEN);
        } catch (Exception e) {
            throw new IllegalStateException("cannot start the bed-registry stub", e);
        }
    }

    private void handle(HttpServerRequest req) {
        String station = req.getParam("stationId");
        String month = req.getParam("month");
        if (req.path().equals("/__stub/bed-days")) {
            req.body().onSuccess(body -> {
                answers.put(station + "|" + month, body.toString());
                req.response().setStatusCode(204).end();
            });
            return;
        }
        if (!req.path().equals("/api/bed-days")) {
            req.response().setStatusCode(404).end();
            return;
        }
        if (!("Bearer " + TOKEN).equals(req.getHeader("Authorization"))) {
            req.response().setStatusCode(401).end();
            return;
        }
        if (station != null && station.startsWith("dead-")) {
            req.connection().close();
            return;
        }
        if (station != null && station.startsWith("down-")) {
            req.response().setStatusCode(503).end();
            return;
        }
        String answer = answers.getOrDefault(station + "|" + month,
                "{\"month\":\"" + month + "\",\"complete\":true,\"daysCounted\":28,\"facilities\":[]}");
        req.response().putHeader("Content-Type", "application/json").end(answer);
    }

    @Override
    public void stop() {
        if (vertx != null) {
            vertx.close().toCompletionStage().toCompletableFuture().orTimeout(10, TimeUnit.SECONDS).join();
        }
    }
}
