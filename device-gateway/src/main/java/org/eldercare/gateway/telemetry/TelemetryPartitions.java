package org.eldercare.gateway.telemetry;

import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import org.eldercare.gateway.GatewayConfig;
import org.eldercare.gateway.ingest.InboundStore;
import org.jboss.logging.Logger;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * Creates the telemetry partitions ahead of time and drops those past retention; also forgets
 * message ids past the deduplication window. Runs at start-up (before ingest starts) and hourly;
 * replicas serialize on an advisory lock.
 */
@ApplicationScoped
public class TelemetryPartitions {

    private static final Logger LOG = Logger.getLogger(TelemetryPartitions.class);
    private static final long LOCK_KEY = 0x7e1e_3e7a_0001L;

    private final Pool pool;
    private final GatewayConfig config;

    public TelemetryPartitions(Pool pool, GatewayConfig config) {
        this.pool = pool;
        this.config = config;
    }

    @Scheduled(every = "1h", delayed = "1h", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> hourly() {
        return maintain(Instant.now()).replaceWithVoid()
                .onFailure().invoke(e -> LOG.errorf(e, "telemetry partition maintenance failed"))
                .onFailure().recoverWithNull();
    }

    /** Brings the partitions in line with the plan for {@code now}; answers what it did. */
    public Uni<PartitionPlan.Plan> maintain(Instant now) {
        LocalDate today = LocalDate.ofInstant(now, ZoneOffset.UTC);
        LocalDate oldest = LocalDate.ofInstant(now.minus(config.ingest().maxAge()), ZoneOffset.UTC);
        int retentionDays = (int) config.telemetry().retention().toDays();
        return pool.withTransaction(conn -> conn.query("SELECT pg_advisory_xact_lock(" + LOCK_KEY + ")").execute()
                .chain(() -> existing(conn))
                .chain(names -> {
                    PartitionPlan.Plan plan = PartitionPlan.plan(today, oldest, config.telemetry().daysAhead(),
                            retentionDays, names);
                    Uni<Void> work = Uni.createFrom().voidItem();
                    for (String name : plan.drop()) {
                        work = work.chain(() -> conn.query("DROP TABLE IF EXISTS " + name).execute().replaceWithVoid());
                    }
                    for (LocalDate day : plan.create()) {
                        work = work.chain(() -> conn.query("CREATE TABLE IF NOT EXISTS " + PartitionPlan.name(day)
                                + " PARTITION OF telemetry FOR VALUES FROM ('" + day + " 00:00:00+00') TO ('"
                                + day.plusDays(1) + " 00:00:00+00')").execute().replaceWithVoid());
                    }
                    return work.replaceWith(plan);
                }))
                .call(plan -> new InboundStore(pool).purgeOlderThan(
                        now.minus(config.ingest().maxAge()).minus(java.time.Duration.ofDays(1)).toEpochMilli()))
                .invoke(plan -> {
                    if (!plan.create().isEmpty() || !plan.drop().isEmpty()) {
                        LOG.infof("telemetry partitions: created %s, dropped %s", plan.create(), plan.drop());
                    }
                });
    }

    /** Names of the daily partitions there are now. */
    public Uni<List<String>> partitions() {
        return pool.withConnection(TelemetryPartitions::existing);
    }

    /** Creates the partition of one day, whatever the plan says (for operators and tests). */
    public Uni<Void> create(LocalDate day) {
        return pool.query("CREATE TABLE IF NOT EXISTS " + PartitionPlan.name(day) + " PARTITION OF telemetry FOR VALUES FROM ('"
                + day + " 00:00:00+00') TO ('" + day.plusDays(1) + " 00:00:00+00')").execute().replaceWithVoid();
    }

    private static Uni<List<String>> existing(SqlConnection conn) {
        return conn.preparedQuery("SELECT c.relname FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid"
                        + " JOIN pg_class p ON p.oid = i.inhparent JOIN pg_namespace n ON n.oid = p.relnamespace"
                        + " WHERE p.relname = 'telemetry' AND n.nspname = current_schema()")
                .execute(Tuple.tuple())
                .map(rows -> {
                    List<String> names = new ArrayList<>();
                    for (Row r : rows) {
                        names.add(r.getString(0));
                    }
                    return names;
                });
    }
}
