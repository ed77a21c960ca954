package org.eldercare.stationops;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * A small HTTP server standing in for bed-registry's {@code GET /api/bed-days?month=} in tests, so
 * that the real REST client is exercised over HTTP. Tests add facilities to a month with
 * {@code POST /__stub/bed-days?month=} (a JSON array of facility objects) and make a month fail
 * with {@code POST /__stub/fail?month=&mode=down} (503) or {@code mode=dead} (connection closed).
 * It insists on the service token station-ops is configured with.
 */
public class BedRegistryStub implements QuarkusTestResourceLifecycleManager {

    public static final String TOKEN = "test-service-token";

    private Vertx vertx;
    private final Map<String, JsonArray> facilities = new ConcurrentHashMap<>();
    private final Map<String, String> failures = new ConcurrentHashMap<>();

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
        String month = req.getParam("month");
        switch (req.path()) {
            case "/__stub/bed-days" -> req.body().onSuccess(body -> {
                JsonArray list = facilities.computeIfAbsent(month, m -> new JsonArray());
                synchronized (list) {
                    list.addAll(body.toJsonArray());
                }
                req.response().setStatusCode(204).end();
            });
            case "/__stub/fail" -> {
                failures.put(month, req.getParam("mode"));
                req.response().setStatusCode(204).end();
            }
            case "/api/bed-days" -> answer(req, month);
            default -> req.response().setStatusCode(404).end();
        }
    }

    private void answer(HttpServerRequest req, String month) {
        if (!("Bearer " + TOKEN).equals(req.getHeader("Authorization"))) {
            req.response().setStatusCode(401).end();
            return;
        }
        String failure = failures.get(month);
        if ("dead".equals(failure)) {
            req.connection().close();
            return;
        }
        if ("down".equals(failure)) {
            req.response().setStatusCode(503).end();
            return;
        }
        JsonArray list = facilities.getOrDefault(month, new JsonArray());
        String body;
        synchronized (list) {
            body = new JsonObject().put("month", month).put("complete", true).put("daysCounted", 31)
                    .put("facilities", list.copy()).encode();
        }
        req.response().putHeader("Content-Type", "application/json").end(body);
    }

    @Override
    public void stop() {
        if (vertx != null) {
            vertx.close().toCompletionStage().toCompletableFuture().orTimeout(10, TimeUnit.SECONDS).join();
        }
    }
}
