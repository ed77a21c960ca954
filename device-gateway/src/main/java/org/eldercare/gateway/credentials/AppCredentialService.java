package org.eldercare.gateway.credentials;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import org.eldercare.gateway.broker.BrokerAccessPolicy;
import org.eldercare.gateway.broker.DynamicSecurity;
import org.eldercare.gateway.device.DeviceDirectory;
import org.eldercare.gateway.device.DeviceService;
import org.eldercare.web.ProblemException;

import java.time.Instant;

/**
 * MQTT passwords for the apps of patrol visitors and family users ("a token issued by the platform"
 * in device-protocol.md). Re-issuing replaces the previous password; the platform keeps a hash only.
 */
@ApplicationScoped
public class AppCredentialService {

    public record Issued(String userId, String password, Instant issuedAt) {
    }

    private final Pool pool;
    private final DynamicSecurity broker;
    private final DeviceDirectory directory;

    public AppCredentialService(Pool pool, DynamicSecurity broker, DeviceDirectory directory) {
        this.pool = pool;
        this.broker = broker;
        this.directory = directory;
    }

    public Uni<Issued> issue(String userId) {
        Instant now = Instant.now();
        String password = Secrets.generate();
        String hash = Secrets.hash(password);
        return pool.withTransaction(conn -> conn.preparedQuery("SELECT 1 FROM device WHERE device_id = $1")
                        .execute(Tuple.of(userId))
                        .invoke(rows -> {
                            if (rows.size() > 0) {
                                throw ProblemException.conflict(userId + " is a device id: broker user names are shared");
                            }
                        })
                        .chain(() -> conn.preparedQuery("INSERT INTO app_credential (user_id, password_hash, issued_at) VALUES ($1, $2, $3)"
                                        + " ON CONFLICT (user_id) DO UPDATE SET password_hash = $2, issued_at = $3, revoked_at = NULL")
                                .execute(Tuple.of(userId, hash, DeviceService.at(now))))
                        .chain(() -> broker.execute(BrokerAccessPolicy.upsertApp(userId, password))))
                .invoke(() -> directory.forgetAppUser(userId))
                .replaceWith(() -> new Issued(userId, password, now));
    }

    public Uni<Void> revoke(String userId) {
        return pool.withTransaction(conn -> conn.preparedQuery(
                                "UPDATE app_credential SET revoked_at = $2 WHERE user_id = $1 AND revoked_at IS NULL")
                        .execute(Tuple.of(userId, DeviceService.at(Instant.now())))
                        .chain(rows -> rows.rowCount() == 0
                                ? Uni.createFrom().failure(ProblemException.notFound("no app credentials for " + userId))
                                : broker.execute(BrokerAccessPolicy.deleteApp(userId))))
                .invoke(() -> directory.forgetAppUser(userId));
    }
}
