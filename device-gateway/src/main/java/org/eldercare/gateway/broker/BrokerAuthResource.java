package org.eldercare.gateway.broker;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.eldercare.gateway.credentials.Secrets;

import java.security.MessageDigest;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;

/**
 * The broker's questions, answered from the device registry: may this client log in, may it
 * publish or subscribe on this topic. A broker that authenticates over HTTP (EMQX's HTTP
 * authentication and authorization, the embedded broker) calls these for every connection and
 * topic, so the same isolation holds as with Mosquitto's dynamic-security accounts. The broker
 * itself is the caller, not a person: no JWT, but a shared secret in {@code X-Broker-Auth-Secret}
 * when one is configured. Anything unknown is denied.
 */
@Path("/api/broker")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "broker", description = "Authentication and authorization callbacks for HTTP-authenticating MQTT brokers")
public class BrokerAuthResource {

    public record AuthenticateRequest(String clientId, String username, String password) {
    }

    public record AuthorizeRequest(String clientId, String username, String topic, String action) {
    }

    private static final Map<String, String> ALLOW = Map.of("result", "allow");
    private static final Map<String, String> DENY = Map.of("result", "deny");

    private final Pool pool;
    private final Optional<String> sharedSecret;

    public BrokerAuthResource(Pool pool,
                              @ConfigProperty(name = "eldercare.broker.auth-secret") Optional<String> sharedSecret) {
        this.pool = pool;
        this.sharedSecret = sharedSecret.filter(s -> !s.isBlank());
    }

    @POST
    @Path("/authenticate")
    @PermitAll
    @Operation(summary = "May this client log in? A watch: username = client id = device id and its secret; an app: user id and app password")
    public Uni<Map<String, String>> authenticate(@HeaderParam("X-Broker-Auth-Secret") String secret, AuthenticateRequest r) {
        if (!callerTrusted(secret) || r == null || r.username() == null || r.password() == null) {
            return Uni.createFrom().item(DENY);
        }
        return pool.preparedQuery("select secret_hash, status from device where device_id = $1").execute(Tuple.of(r.username()))
                .flatMap(rows -> {
                    if (rows.size() > 0) {
                        var row = rows.iterator().next();
                        boolean ok = "ACTIVE".equals(row.getString("status")) && r.username().equals(r.clientId())
                                && Secrets.matches(r.password(), row.getString("secret_hash"));
                        return Uni.createFrom().item(ok ? ALLOW : DENY);
                    }
                    return pool.preparedQuery("select password_hash from app_credential where user_id = $1 and revoked_at is null")
                            .execute(Tuple.of(r.username()))
                            .map(apps -> apps.size() > 0 && Secrets.matches(r.password(), apps.iterator().next().getString("password_hash"))
                                    ? ALLOW : DENY);
                });
    }

    @POST
    @Path("/authorize")
    @PermitAll
    @Operation(summary = "May this client publish or subscribe on this topic? Only on its own topics of the device protocol")
    public Uni<Map<String, String>> authorize(@HeaderParam("X-Broker-Auth-Secret") String secret, AuthorizeRequest r) {
        if (!callerTrusted(secret) || r == null || r.username() == null || r.topic() == null) {
            return Uni.createFrom().item(DENY);
        }
        return pool.preparedQuery("select 1 from device where device_id = $1 and status = 'ACTIVE'").execute(Tuple.of(r.username()))
                .map(rows -> TopicRules.allowed(rows.size() > 0, r.username(), r.topic(), r.action()) ? ALLOW : DENY);
    }

    private boolean callerTrusted(String presented) {
        if (sharedSecret.isEmpty()) {
            return true;
        }
        return presented != null && MessageDigest.isEqual(presented.getBytes(StandardCharsets.UTF_8),
                sharedSecret.get().getBytes(StandardCharsets.UTF_8));
    }
}
