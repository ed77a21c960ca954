package org.eldercare.gateway.ingest;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The record of every id-carrying message other than telemetry (events, motion windows, visitor
 * locations, acks): claiming an id stores it once, and tells whether it is new, a resend whose
 * internal event did not go out yet, or a plain duplicate.
 */
public final class InboundStore {

    public enum Kind { EVENT, MOTION, LOCATION, ACK }

    /**
     * @param publishedUpFront true for QoS 0 messages: they are never resent after a failure, so
     *                         "published" is moot
     * @param body             JSON kept for inspection (null for motion windows)
     */
    public record Claim(String sender, String msgId, Kind kind, String type, long ts, long receivedAt, String elderId,
                        boolean publishedUpFront, String body) {
    }

    public enum Status { NEW, UNPUBLISHED, DUPLICATE }

    /** The claim's outcome and the elder recorded when the id was first seen. */
    public record Claimed(Status status, String elderId) {
    }

    private static final String INSERT = "INSERT INTO inbound_message (sender, msg_id, kind, type, ts, received_at,"
            + " elder_id, published, body) SELECT s, m, k, t, ts, r, e, p, b::jsonb FROM unnest($1::text[], $2::text[],"
            + " $3::text[], $4::text[], $5::timestamptz[], $6::timestamptz[], $7::text[], $8::bool[], $9::text[])"
            + " AS u(s, m, k, t, ts, r, e, p, b) ON CONFLICT DO NOTHING RETURNING sender, msg_id";
    private static final String EXISTING = "SELECT i.sender, i.msg_id, i.published, i.elder_id FROM inbound_message i"
            + " JOIN unnest($1::text[], $2::text[]) AS u(s, m) ON i.sender = u.s AND i.msg_id = u.m";

    private final Pool pool;

    public InboundStore(Pool pool) {
        this.pool = pool;
    }

    /**
     * Claims are inserted in key order (sender, id), whatever order they arrived in, so that two
     * concurrent claims of overlapping ids (another replica, the urgent and the bulk path) wait for
     * each other in one order and cannot deadlock. Answers come back in the caller's order.
     */
    public Uni<List<Claimed>> claim(List<Claim> claims) {
        Integer[] order = new Integer[claims.size()];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        java.util.Arrays.sort(order, java.util.Comparator.comparing((Integer i) -> claims.get(i).sender())
                .thenComparing(i -> claims.get(i).msgId()));
        List<Claim> sorted = new ArrayList<>(claims.size());
        for (Integer i : order) {
            sorted.add(claims.get(i));
        }
        return claimSorted(sorted).map(answers -> {
            Claimed[] out = new Claimed[claims.size()];
            for (int k = 0; k < order.length; k++) {
                out[order[k]] = answers.get(k);
            }
            return java.util.Arrays.asList(out);
        });
    }

    private Uni<List<Claimed>> claimSorted(List<Claim> claims) {
        int n = claims.size();
        String[] s = new String[n], m = new String[n], k = new String[n], t = new String[n], e = new String[n],
                b = new String[n];
        java.time.OffsetDateTime[] ts = new java.time.OffsetDateTime[n], r = new java.time.OffsetDateTime[n];
        Boolean[] p = new Boolean[n];
        for (int i = 0; i < n; i++) {
            Claim c = claims.get(i);
            s[i] = c.sender();
            m[i] = c.msgId();
            k[i] = c.kind().name();
            t[i] = c.type();
            ts[i] = TelemetryStore.odt(c.ts());
            r[i] = TelemetryStore.odt(c.receivedAt());
            e[i] = c.elderId();
            p[i] = c.publishedUpFront();
            b[i] = c.body();
        }
        Tuple params = Tuple.tuple().addArrayOfString(s).addArrayOfString(m).addArrayOfString(k).addArrayOfString(t)
                .addArrayOfOffsetDateTime(ts).addArrayOfOffsetDateTime(r).addArrayOfString(e).addArrayOfBoolean(p)
                .addArrayOfString(b);
        return pool.preparedQuery(INSERT).execute(params).chain(rows -> {
            Set<String> fresh = new HashSet<>();
            for (Row row : rows) {
                fresh.add(row.getString(0) + '\u0000' + row.getString(1));
            }
            Claimed[] out = new Claimed[n];
            List<Integer> seen = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                if (fresh.remove(s[i] + '\u0000' + m[i])) {
                    out[i] = new Claimed(Status.NEW, e[i]);
                } else {
                    seen.add(i);
                }
            }
            if (seen.isEmpty()) {
                return Uni.createFrom().item(List.of(out));
            }
            String[] ss = seen.stream().map(i -> s[i]).toArray(String[]::new);
            String[] mm = seen.stream().map(i -> m[i]).toArray(String[]::new);
            return pool.preparedQuery(EXISTING).execute(Tuple.of(ss, mm)).map(existing -> {
                Map<String, Claimed> byKey = new HashMap<>();
                for (Row row : existing) {
                    byKey.put(row.getString(0) + '\u0000' + row.getString(1), new Claimed(
                            row.getBoolean(2) ? Status.DUPLICATE : Status.UNPUBLISHED, row.getString(3)));
                }
                for (int i : seen) {
                    Claimed c = byKey.get(s[i] + '\u0000' + m[i]);
                    out[i] = c == null ? new Claimed(Status.DUPLICATE, e[i]) : c;
                }
                // Of several copies in one batch only the first may publish; it may be the one just inserted.
                for (int i = 0; i < n; i++) {
                    if (out[i].status() == Status.UNPUBLISHED && firstIndex(s, m, i) != i) {
                        out[i] = new Claimed(Status.DUPLICATE, out[i].elderId());
                    }
                }
                return List.of(out);
            });
        });
    }

    private static int firstIndex(String[] s, String[] m, int i) {
        for (int j = 0; j < i; j++) {
            if (s[j].equals(s[i]) && m[j].equals(m[i])) {
                return j;
            }
        }
        return i;
    }

    public Uni<Void> markPublished(String sender, String msgId) {
        return pool.preparedQuery("UPDATE inbound_message SET published = true WHERE sender = $1 AND msg_id = $2")
                .execute(Tuple.of(sender, msgId)).replaceWithVoid();
    }

    /** Forgets ids older than the deduplication window. */
    public Uni<Integer> purgeOlderThan(long epochMs) {
        return pool.preparedQuery("DELETE FROM inbound_message WHERE received_at < $1")
                .execute(Tuple.of(TelemetryStore.odt(epochMs))).map(rows -> rows.rowCount());
    }
}
