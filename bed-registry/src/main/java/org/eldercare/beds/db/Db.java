package org.eldercare.beds.db;

import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.pgclient.PgException;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/** Small conveniences for the reactive PostgreSQL client. */
public final class Db {

    public static final String UNIQUE_VIOLATION = "23505";
    public static final String FOREIGN_KEY_VIOLATION = "23503";
    public static final String CHECK_VIOLATION = "23514";
    public static final String EXCLUSION_VIOLATION = "23P01";

    private Db() {
    }

    /** The PostgreSQL error somewhere in the cause chain, or null. */
    public static PgException pgError(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof PgException p) {
                return p;
            }
        }
        return null;
    }

    public static boolean is(Throwable t, String sqlState) {
        PgException p = pgError(t);
        return p != null && sqlState.equals(p.getSqlState());
    }

    public static OffsetDateTime ts(Instant i) {
        return i == null ? null : OffsetDateTime.ofInstant(i, ZoneOffset.UTC);
    }

    public static Instant instant(Row r, String column) {
        OffsetDateTime t = r.getOffsetDateTime(column);
        return t == null ? null : t.toInstant();
    }

    public static <T> List<T> list(RowSet<Row> rows, Function<Row, T> mapper) {
        List<T> out = new ArrayList<>(rows.size());
        for (Row r : rows) {
            out.add(mapper.apply(r));
        }
        return out;
    }

    public static <T> T first(RowSet<Row> rows, Function<Row, T> mapper) {
        var it = rows.iterator();
        return it.hasNext() ? mapper.apply(it.next()) : null;
    }
}
