package org.eldercare.localinfra.mqtt;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.moquette.broker.security.IAuthenticator;
import io.moquette.broker.security.IAuthorizatorPolicy;
import io.moquette.broker.subscriptions.Topic;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Moquette's authentication and authorization, delegated to device-gateway's broker-auth HTTP
 * endpoints: the same contract an EMQX cluster's HTTP authentication and authorization call, so
 * the gateway stays the one owner of device and app credentials whichever broker runs.
 *
 * <p>The platform's service account is checked here, without the gateway: the gateway itself
 * connects with it, and must be able to do so before it serves HTTP. Everyone else is denied
 * when the gateway cannot be reached (fail closed).
 */
public final class GatewayBrokerAuth implements IAuthenticator, IAuthorizatorPolicy {

    private static final Logger LOG = Logger.getLogger(GatewayBrokerAuth.class.getName());
    private static final ObjectMapper JSON = new ObjectMapper();
    // Moquette asks from its session threads: a slow gateway must not stall every client for long.
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(3);
    public static final String SECRET_HEADER = "X-Broker-Auth-Secret";

    private final URI authenticateUri;
    private final URI authorizeUri;
    private final String serviceUser;
    private final byte[] servicePassword;
    private final String sharedSecret;
    private final HttpClient http;
    private final DecisionCache cache;

    public GatewayBrokerAuth(URI gatewayBaseUrl, String serviceUser, String servicePassword, Duration allowTtl,
            Duration denyTtl) {
        this(gatewayBaseUrl, serviceUser, servicePassword, "", allowTtl, denyTtl);
    }

    /**
     * @param sharedSecret sent as {@value #SECRET_HEADER} when not empty, so that the gateway can
     *                     refuse callers other than the broker (authenticate answers whether a
     *                     password is right)
     */
    public GatewayBrokerAuth(URI gatewayBaseUrl, String serviceUser, String servicePassword, String sharedSecret,
            Duration allowTtl, Duration denyTtl) {
        this.sharedSecret = sharedSecret == null ? "" : sharedSecret;
        String base = gatewayBaseUrl.toString().replaceAll("/+$", "");
        this.authenticateUri = URI.create(base + "/api/broker/authenticate");
        this.authorizeUri = URI.create(base + "/api/broker/authorize");
        this.serviceUser = serviceUser;
        this.servicePassword = servicePassword.getBytes(StandardCharsets.UTF_8);
        this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        this.cache = new DecisionCache(allowTtl, denyTtl, 10_000, System::nanoTime);
    }

    @Override
    public boolean checkValid(String clientId, String username, byte[] password) {
        if (username == null || password == null) {
            return false;
        }
        if (serviceUser.equals(username)) {
            return MessageDigest.isEqual(servicePassword, password);
        }
        String passwordText = new String(password, StandardCharsets.UTF_8);
        String key = String.join("\u0000", "authenticate", clientId, username, sha256(password));
        Map<String, String> body = new LinkedHashMap<>();
        body.put("clientId", clientId);
        body.put("username", username);
        body.put("password", passwordText);
        return decide(key, authenticateUri, body);
    }

    @Override
    public boolean canWrite(Topic topic, String user, String client) {
        return authorize(topic, user, client, "publish");
    }

    @Override
    public boolean canRead(Topic topic, String user, String client) {
        return authorize(topic, user, client, "subscribe");
    }

    private boolean authorize(Topic topic, String user, String client, String action) {
        if (user == null) {
            return false;
        }
        if (serviceUser.equals(user)) {
            return true;
        }
        String topicText = topic.toString();
        String key = String.join("\u0000", action, client, user, topicText);
        Map<String, String> body = new LinkedHashMap<>();
        body.put("clientId", client);
        body.put("username", user);
        body.put("topic", topicText);
        body.put("action", action);
        return decide(key, authorizeUri, body);
    }

    private boolean decide(String key, URI uri, Map<String, String> body) {
        var cached = cache.get(key);
        if (cached.isPresent()) {
            return cached.get();
        }
        try {
            HttpRequest.Builder request = HttpRequest.newBuilder(uri)
                    .timeout(REQUEST_TIMEOUT)
                    .header("Content-Type", "application/json")
                    .header("Accept", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body)));
            if (!sharedSecret.isEmpty()) {
                request.header(SECRET_HEADER, sharedSecret);
            }
            HttpResponse<byte[]> response = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
            if (response.statusCode() != 200) {
                // Not an answer about this client (gateway starting, misrouted, broken): deny, ask again next time.
                LOG.warning(() -> uri + " answered HTTP " + response.statusCode() + "; denying");
                return false;
            }
            JsonNode result = JSON.readTree(response.body()).path("result");
            boolean allowed = "allow".equals(result.asText());
            cache.put(key, allowed);
            return allowed;
        } catch (IOException e) {
            LOG.log(Level.WARNING, "device-gateway's broker auth at " + uri + " failed; denying: " + e);
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static String sha256(byte[] value) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(value));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
