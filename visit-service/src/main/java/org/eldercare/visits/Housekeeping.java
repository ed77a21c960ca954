package org.eldercare.visits;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eldercare.visits.idempotency.ClientWrite;
import org.eldercare.visits.outbox.OutboxMessage;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.time.Instant;

/**
 * Drops what is no longer needed: outbox rows published a week ago, and idempotency records older
 * than any retry the app can still make (it gives up on writes older than 7 days; 30 leaves margin).
 */
@ApplicationScoped
public class Housekeeping {

    private static final Logger LOG = Logger.getLogger(Housekeeping.class);
    static final Duration KEEP_SENT = Duration.ofDays(7);
    static final Duration KEEP_CLIENT_WRITES = Duration.ofDays(30);

    @Scheduled(every = "1h", delayed = "1m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> purge() {
        Instant now = Instant.now();
        return Panache.withTransaction(() -> OutboxMessage.delete("sentAt < ?1", now.minus(KEEP_SENT))
                        .chain(sent -> ClientWrite.delete("createdAt < ?1", now.minus(KEEP_CLIENT_WRITES))
                                .invoke(writes -> LOG.debugf("housekeeping: %d outbox rows, %d client writes removed", sent, writes))))
                .replaceWithVoid()
                .onFailure().recoverWithUni(e -> {
                    LOG.warnf("housekeeping failed, will try again: %s", e.getMessage());
                    return Uni.createFrom().voidItem();
                });
    }
}
