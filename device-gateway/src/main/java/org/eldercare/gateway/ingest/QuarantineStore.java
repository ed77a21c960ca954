package org.eldercare.gateway.ingest;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

import java.util.Arrays;
import java.util.Base64;
import java.util.Collections;
import java.util.List;

/** Keeps rejected messages with their raw payload, batched like everything on the hot path. */
public final class QuarantineStore {

    /** Kept payloads are cut here; {@code size} keeps the original length. */
    public static final int MAX_KEPT_BYTES = 64 * 1024;

    public record Rejected(String sender, String topic, RejectReason reason, String detail, long receivedAt,
                           byte[] payload) {
    }

    private static final String INSERT = "INSERT INTO quarantine (sender, topic, reason, detail, received_at, size, payload)"
            + " SELECT s, t, r, d, a, z, decode(p, 'base64') FROM unnest($1::text[], $2::text[], $3::text[], $4::text[],"
            + " $5::timestamptz[], $6::int[], $7::text[]) AS u(s, t, r, d, a, z, p)";

    private final Pool pool;

    public QuarantineStore(Pool pool) {
        this.pool = pool;
    }

    public Uni<List<Void>> write(List<Rejected> batch) {
        int n = batch.size();
        String[] s = new String[n], t = new String[n], r = new String[n], d = new String[n], p = new String[n];
        java.time.OffsetDateTime[] a = new java.time.OffsetDateTime[n];
        Integer[] z = new Integer[n];
        Base64.Encoder b64 = Base64.getEncoder();
        for (int i = 0; i < n; i++) {
            Rejected q = batch.get(i);
            s[i] = q.sender();
            t[i] = clip(q.topic(), 512);
            r[i] = q.reason().name();
            d[i] = clip(q.detail(), 1000);
            a[i] = TelemetryStore.odt(q.receivedAt());
            z[i] = q.payload().length;
            byte[] kept = q.payload().length > MAX_KEPT_BYTES ? Arrays.copyOf(q.payload(), MAX_KEPT_BYTES) : q.payload();
            p[i] = b64.encodeToString(kept);
        }
        Tuple params = Tuple.tuple().addArrayOfString(s).addArrayOfString(t).addArrayOfString(r).addArrayOfString(d)
                .addArrayOfOffsetDateTime(a).addArrayOfInteger(z).addArrayOfString(p);
        return pool.preparedQuery(INSERT).execute(params).map(x -> Collections.nCopies(n, null));
    }

    private static String clip(String s, int max) {
        if (s == null) {
            return null;
        }
        // Text columns refuse NUL characters; a hostile topic or detail must still be storable.
        String clean = s.replace('\u0000', '?');
        return clean.length() <= max ? clean : clean.substring(0, max);
    }
}
