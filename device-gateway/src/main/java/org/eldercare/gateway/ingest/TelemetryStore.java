package org.eldercare.gateway.ingest;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import org.eldercare.contracts.PlatformEventType;
import org.eldercare.gateway.state.StateTransitions;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Writes a batch of telemetry samples in one transaction: one multi-row insert that skips samples
 * already stored (same device, id and ts: a resend), then one update of the state of the devices
 * concerned, with their rows locked in device-id order so that concurrent batches cannot deadlock.
 */
public final class TelemetryStore {

    public record Item(Inbound.Telemetry sample, String elderId, long receivedAt) {
    }

    /** {@code stored=false} for a duplicate; {@code derived} are events the state change is worth. */
    public record Outcome(boolean stored, List<PlatformEventType> derived) {
        static final Outcome DUPLICATE = new Outcome(false, List.of());
        static final Outcome STORED = new Outcome(true, List.of());
    }

    private static final String INSERT = "INSERT INTO telemetry (device_id, msg_id, ts, received_at, elder_id, hr, spo2,"
            + " steps, battery, worn, lat, lon, acc) SELECT * FROM unnest($1::text[], $2::text[], $3::timestamptz[],"
            + " $4::timestamptz[], $5::text[], $6::int[], $7::int[], $8::int[], $9::int[], $10::bool[], $11::float8[],"
            + " $12::float8[], $13::float8[]) ON CONFLICT DO NOTHING RETURNING device_id, msg_id";

    private static final String LOCK = "SELECT device_id, battery, worn FROM device_state WHERE device_id = ANY($1)"
            + " ORDER BY device_id FOR UPDATE";

    // Values of a sample older than what the state already holds do not overwrite it: buffered
    // bursts arrive after fresher data sometimes.
    private static final String UPDATE = "UPDATE device_state s SET"
            + " last_seen = GREATEST(s.last_seen, u.received_at),"
            + " sample_ts = CASE WHEN u.ts IS NOT NULL AND (s.sample_ts IS NULL OR u.ts >= s.sample_ts) THEN u.ts ELSE s.sample_ts END,"
            + " battery = CASE WHEN u.battery IS NOT NULL AND (s.sample_ts IS NULL OR u.ts >= s.sample_ts) THEN u.battery ELSE s.battery END,"
            + " worn = CASE WHEN u.worn IS NOT NULL AND (s.sample_ts IS NULL OR u.ts >= s.sample_ts) THEN u.worn ELSE s.worn END,"
            + " lat = CASE WHEN u.lat IS NOT NULL AND (s.loc_ts IS NULL OR u.ts >= s.loc_ts) THEN u.lat ELSE s.lat END,"
            + " lon = CASE WHEN u.lat IS NOT NULL AND (s.loc_ts IS NULL OR u.ts >= s.loc_ts) THEN u.lon ELSE s.lon END,"
            + " acc = CASE WHEN u.lat IS NOT NULL AND (s.loc_ts IS NULL OR u.ts >= s.loc_ts) THEN u.acc ELSE s.acc END,"
            + " loc_ts = CASE WHEN u.lat IS NOT NULL AND (s.loc_ts IS NULL OR u.ts >= s.loc_ts) THEN u.ts ELSE s.loc_ts END"
            + " FROM unnest($1::text[], $2::timestamptz[], $3::timestamptz[], $4::int[], $5::bool[], $6::float8[],"
            + " $7::float8[], $8::float8[]) AS u(device_id, ts, received_at, battery, worn, lat, lon, acc)"
            + " WHERE s.device_id = u.device_id RETURNING s.device_id, s.battery, s.worn";

    private final Pool pool;
    private final int lowBatteryThreshold;

    public TelemetryStore(Pool pool, int lowBatteryThreshold) {
        this.pool = pool;
        this.lowBatteryThreshold = lowBatteryThreshold;
    }

    /**
     * Rows are written in key order (device, id, ts), whatever order they arrived in: two batches
     * holding copies of the same samples (a redelivery to another replica) then wait for each other's
     * index entries in the same order, and cannot deadlock. Outcomes come back in the caller's order.
     */
    public Uni<List<Outcome>> write(List<Item> items) {
        Integer[] order = keyOrder(items);
        List<Item> sorted = new ArrayList<>(items.size());
        for (Integer i : order) {
            sorted.add(items.get(i));
        }
        return pool.withTransaction(conn -> insert(conn, sorted).chain(stored -> updateState(conn, sorted, stored)))
                .map(outcomes -> {
                    Outcome[] out = new Outcome[items.size()];
                    for (int k = 0; k < order.length; k++) {
                        out[order[k]] = outcomes.get(k);
                    }
                    return java.util.Arrays.asList(out);
                });
    }

    static Integer[] keyOrder(List<Item> items) {
        Integer[] order = new Integer[items.size()];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        java.util.Arrays.sort(order, java.util.Comparator
                .comparing((Integer i) -> items.get(i).sample().sender())
                .thenComparing(i -> items.get(i).sample().id())
                .thenComparingLong(i -> items.get(i).sample().ts()));
        return order;
    }

    private Uni<boolean[]> insert(SqlConnection conn, List<Item> items) {
        int n = items.size();
        String[] device = new String[n], msg = new String[n], elder = new String[n];
        OffsetDateTime[] ts = new OffsetDateTime[n], received = new OffsetDateTime[n];
        Integer[] hr = new Integer[n], spo2 = new Integer[n], steps = new Integer[n], battery = new Integer[n];
        Boolean[] worn = new Boolean[n];
        Double[] lat = new Double[n], lon = new Double[n], acc = new Double[n];
        for (int i = 0; i < n; i++) {
            Item it = items.get(i);
            Inbound.Telemetry t = it.sample();
            device[i] = t.sender();
            msg[i] = t.id();
            elder[i] = it.elderId();
            ts[i] = odt(t.ts());
            received[i] = odt(it.receivedAt());
            hr[i] = t.hr();
            spo2[i] = t.spo2();
            steps[i] = t.steps();
            battery[i] = t.battery();
            worn[i] = t.worn();
            if (t.loc() != null) {
                lat[i] = t.loc().lat();
                lon[i] = t.loc().lon();
                acc[i] = t.loc().acc();
            }
        }
        Tuple params = Tuple.tuple();
        params.addArrayOfString(device).addArrayOfString(msg).addArrayOfOffsetDateTime(ts)
                .addArrayOfOffsetDateTime(received).addArrayOfString(elder).addArrayOfInteger(hr)
                .addArrayOfInteger(spo2).addArrayOfInteger(steps).addArrayOfInteger(battery)
                .addArrayOfBoolean(worn).addArrayOfDouble(lat).addArrayOfDouble(lon).addArrayOfDouble(acc);
        return conn.preparedQuery(INSERT).execute(params).map(rows -> {
            Set<String> fresh = new HashSet<>();
            for (Row r : rows) {
                fresh.add(r.getString(0) + '\u0000' + r.getString(1));
            }
            boolean[] stored = new boolean[n];
            for (int i = 0; i < n; i++) {
                // A resend inside the same batch: only its first copy counts as stored.
                stored[i] = fresh.remove(device[i] + '\u0000' + msg[i]);
            }
            return stored;
        });
    }

    private Uni<List<Outcome>> updateState(SqlConnection conn, List<Item> items, boolean[] stored) {
        // Per device: the newest stored sample (it carries the state) and the latest arrival.
        Map<String, Integer> newest = new TreeMap<>();
        Map<String, Long> lastArrival = new HashMap<>();
        for (int i = 0; i < items.size(); i++) {
            Item it = items.get(i);
            String d = it.sample().sender();
            lastArrival.merge(d, it.receivedAt(), Math::max);
            newest.putIfAbsent(d, -1);
            if (stored[i]) {
                int cur = newest.get(d);
                if (cur < 0 || items.get(cur).sample().ts() <= it.sample().ts()) {
                    newest.put(d, i);
                }
            }
        }
        int n = newest.size();
        String[] device = new String[n];
        OffsetDateTime[] ts = new OffsetDateTime[n], received = new OffsetDateTime[n];
        Integer[] battery = new Integer[n];
        Boolean[] worn = new Boolean[n];
        Double[] lat = new Double[n], lon = new Double[n], acc = new Double[n];
        int k = 0;
        for (Map.Entry<String, Integer> e : newest.entrySet()) {
            device[k] = e.getKey();
            received[k] = odt(lastArrival.get(e.getKey()));
            if (e.getValue() >= 0) {
                Inbound.Telemetry t = items.get(e.getValue()).sample();
                ts[k] = odt(t.ts());
                battery[k] = t.battery();
                worn[k] = t.worn();
                if (t.loc() != null) {
                    lat[k] = t.loc().lat();
                    lon[k] = t.loc().lon();
                    acc[k] = t.loc().acc();
                }
            }
            k++;
        }
        Map<String, Object[]> before = new HashMap<>();
        Tuple update = Tuple.tuple().addArrayOfString(device).addArrayOfOffsetDateTime(ts)
                .addArrayOfOffsetDateTime(received).addArrayOfInteger(battery).addArrayOfBoolean(worn)
                .addArrayOfDouble(lat).addArrayOfDouble(lon).addArrayOfDouble(acc);
        return conn.preparedQuery(LOCK).execute(Tuple.of(device))
                .invoke(rows -> rows.forEach(r -> before.put(r.getString(0),
                        new Object[]{r.getInteger(1), r.getBoolean(2)})))
                .chain(() -> conn.preparedQuery(UPDATE).execute(update))
                .map(rows -> {
                    List<Outcome> out = new ArrayList<>(items.size());
                    for (int i = 0; i < items.size(); i++) {
                        out.add(stored[i] ? Outcome.STORED : Outcome.DUPLICATE);
                    }
                    for (Row r : rows) {
                        String d = r.getString(0);
                        Object[] old = before.get(d);
                        Integer idx = newest.get(d);
                        if (old == null || idx == null || idx < 0) {
                            continue;
                        }
                        List<PlatformEventType> derived = StateTransitions.derive((Integer) old[0], r.getInteger(1),
                                lowBatteryThreshold, (Boolean) old[1], r.getBoolean(2));
                        if (!derived.isEmpty()) {
                            out.set(idx, new Outcome(true, derived));
                        }
                    }
                    return out;
                });
    }

    static OffsetDateTime odt(long epochMs) {
        return Instant.ofEpochMilli(epochMs).atOffset(ZoneOffset.UTC);
    }
}
