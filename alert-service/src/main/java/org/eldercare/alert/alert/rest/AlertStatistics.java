package org.eldercare.alert.alert.rest;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import org.eldercare.alert.Sql;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Alert handling per street over a period, as the bureau reviews it. The street is the first
 * {@code streetDigits} digits of the area code (China's 12-digit administrative codes: 9 = street/town).
 * Times are seconds from opening; cancelled alerts (false alarms) count in the totals but not in the
 * close rate's denominator.
 */
@ApplicationScoped
public class AlertStatistics {

    private final Pool pool;

    public AlertStatistics(Pool pool) {
        this.pool = pool;
    }

    public record StreetStatistics(String street, long total, Map<String, Long> byKind, long closed, long cancelled,
                                   Double closeRate, Double acceptMedianSeconds, Double acceptP90Seconds,
                                   Double arriveMedianSeconds, Double arriveP90Seconds) {
    }

    public Uni<List<StreetStatistics>> compute(Instant from, Instant to, String areaCode, String stationId, int streetDigits) {
        String filter = " where opened_at >= $1 and opened_at < $2 and ($3::text is null or area_code like $3 || '%')"
                + " and ($4::text is null or station_id = $4)";
        String street = "coalesce(substr(area_code, 1, $5), 'unknown')";
        Tuple t = Tuple.of(Sql.ts(from), Sql.ts(to), areaCode, stationId, streetDigits);
        String totals = "select " + street + " as street, count(*) as total,"
                + " count(*) filter (where state in ('CLOSED','VERIFIED')) as closed,"
                + " count(*) filter (where state = 'CANCELLED') as cancelled,"
                + " percentile_cont(0.5) within group (order by extract(epoch from accepted_at - opened_at)) filter (where accepted_at is not null) as acc50,"
                + " percentile_cont(0.9) within group (order by extract(epoch from accepted_at - opened_at)) filter (where accepted_at is not null) as acc90,"
                + " percentile_cont(0.5) within group (order by extract(epoch from arrived_at - opened_at)) filter (where arrived_at is not null) as arr50,"
                + " percentile_cont(0.9) within group (order by extract(epoch from arrived_at - opened_at)) filter (where arrived_at is not null) as arr90"
                + " from alerts" + filter + " group by 1 order by 1";
        String kinds = "select " + street + " as street, kind, count(*) as n from alerts" + filter + " group by 1, 2";
        return pool.preparedQuery(kinds).execute(t).flatMap(kindRows -> {
            Map<String, Map<String, Long>> byStreet = new LinkedHashMap<>();
            for (Row r : kindRows) {
                byStreet.computeIfAbsent(r.getString("street"), k -> new LinkedHashMap<>()).put(r.getString("kind"), r.getLong("n"));
            }
            return pool.preparedQuery(totals).execute(t).map(rows -> {
                List<StreetStatistics> out = new ArrayList<>();
                for (Row r : rows) {
                    long total = r.getLong("total");
                    long closed = r.getLong("closed");
                    long cancelled = r.getLong("cancelled");
                    long real = total - cancelled;
                    out.add(new StreetStatistics(r.getString("street"), total, byStreet.getOrDefault(r.getString("street"), Map.of()),
                            closed, cancelled, real == 0 ? null : (double) closed / real,
                            r.getDouble("acc50"), r.getDouble("acc90"), r.getDouble("arr50"), r.getDouble("arr90")));
                }
                return out;
            });
        });
    }
}
