package org.eldercare.localinfra.mqtt;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * device-gateway's broker-auth contract, served by a real HTTP server on a free port: watches
 * log in with their device id as client id and user name and their secret as password, and may
 * use their own topics only.
 */
final class BrokerAuthEndpoints implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpServer server;
    private final Map<String, String> deviceSecrets;
    private final String requiredSecret;
    final AtomicInteger authenticateCalls = new AtomicInteger();
    final AtomicInteger authorizeCalls = new AtomicInteger();

    BrokerAuthEndpoints(Map<String, String> deviceSecrets) throws IOException {
        this(deviceSecrets, null);
    }

    /** @param requiredSecret when not null, requests without it in the broker's header are refused with 401 */
    BrokerAuthEndpoints(Map<String, String> deviceSecrets, String requiredSecret) throws IOException {
        this.deviceSecrets = deviceSecrets;
        this.requiredSecret = requiredSecret;
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/api/broker/authenticate", exchange -> {
            authenticateCalls.incrementAndGet();
            JsonNode request = read(exchange);
            String username = request.path("username").asText();
            boolean allowed = username.equals(request.path("clientId").asText())
                    && request.path("password").asText().equals(deviceSecrets.get(username));
            answer(exchange, allowed);
        });
        server.createContext("/api/broker/authorize", exchange -> {
            authorizeCalls.incrementAndGet();
            JsonNode request = read(exchange);
            String username = request.path("username").asText();
            String action = request.path("action").asText();
            boolean allowed = deviceSecrets.containsKey(username)
                    && (action.equals("publish") || action.equals("subscribe"))
                    && request.path("topic").asText().startsWith("eldercare/v1/devices/" + username + "/");
            answer(exchange, allowed);
        });
        server.start();
    }

    URI baseUrl() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    private JsonNode read(HttpExchange exchange) throws IOException {
        if (requiredSecret != null
                && !requiredSecret.equals(exchange.getRequestHeaders().getFirst(GatewayBrokerAuth.SECRET_HEADER))) {
            exchange.sendResponseHeaders(401, -1);
            throw new IOException("caller without the broker's secret");
        }
        if (!"POST".equals(exchange.getRequestMethod())
                || !exchange.getRequestHeaders().getFirst("Content-Type").startsWith("application/json")) {
            exchange.sendResponseHeaders(405, -1);
            throw new IOException("expected a JSON POST");
        }
        return JSON.readTree(exchange.getRequestBody());
    }

    private static void answer(HttpExchange exchange, boolean allowed) throws IOException {
        byte[] body = ("{\"result\":\"" + (allowed ? "allow" : "deny") + "\"}").getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(200, body.length);
        exchange.getResponseBody().write(body);
        exchange.close();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
