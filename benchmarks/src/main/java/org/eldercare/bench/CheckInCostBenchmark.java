package org.eldercare.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.eclipse.paho.client.mqttv3.MqttAsyncClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.eldercare.contracts.CareCircle;
import org.eldercare.contracts.GeoPoint;
import org.eldercare.contracts.PlatformEvent;
import org.eldercare.contracts.PlatformEventType;
import org.eldercare.contracts.Topics;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Semaphore;

/**
 * Missed-check-in detection cost for a district of many elders, through alert-service's real path:
 * care-circle snapshots on the internal care-circle topic arm one CHECK_IN_DEADLINE timer per
 * elder; CHECK_IN events on the internal event topic postpone the timers of the elders who checked
 * in; at the deadline the timer poller claims the due timers (FOR UPDATE SKIP LOCKED) and raises a
 * MISSED_CHECK_IN alert with its notifications for each elder who did not.
 *
 * <p>Measured on the alert service's own database (started alone on it by
 * {@code benchmarks/bench-check-in.sh}), from PostgreSQL's statistics for that database: wall time,
 * transactions and rows touched per phase, including a quiet minute with every timer pending and
 * nothing due. Baseline in the same run: a plain loop of single-row INSERT transactions and
 * SELECTs by key into a table of the same database.
 *
 * <p>Messages go out in chunks ({@code --chunk}, 2,000), each waited for until stored: the rates are
 * the service's sustained rates, not those of a flood (see {@link #pace}).
 *
 * <pre>--elders 100000 --missed-share 0.03 --chunk 2000 --baseline-rows 20000 --jdbc URL --broker tcp://host:port --out FILE</pre>
 */
public final class CheckInCostBenchmark {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ZoneId DISTRICT = ZoneId.of("Asia/Shanghai");

    private final Map<String, String> opt;
    private final int elders;
    private final int missed;
    private final String run = Long.toString(System.currentTimeMillis() % 100_000_000L, 36);
    private final List<String> report = new ArrayList<>();
    private Connection db;
    private Map<String, long[]> s4tables;
    private MqttAsyncClient mqtt;

    private CheckInCostBenchmark(Map<String, String> opt) {
        this.opt = opt;
        this.elders = Integer.parseInt(opt.getOrDefault("elders", "100000"));
        this.missed = (int) Math.round(elders * Double.parseDouble(opt.getOrDefault("missed-share", "0.03")));
    }

    public static void main(String[] argv) throws Exception {
        Map<String, String> opt = new HashMap<>();
        for (int i = 0; i + 1 < argv.length; i += 2) {
            opt.put(argv[i].replaceFirst("^--", ""), argv[i + 1]);
        }
        new CheckInCostBenchmark(opt).run();
    }

    /** PostgreSQL's counters for the benchmark's database. */
    private record DbStats(long commits, long inserted, long updated, long deleted, long returned, long fetched, long blocksRead,
                           long blocksHit, long nanos) {
        DbStats minus(DbStats o) {
            return new DbStats(commits - o.commits, inserted - o.inserted, updated - o.updated, deleted - o.deleted,
                    returned - o.returned, fetched - o.fetched, blocksRead - o.blocksRead, blocksHit - o.blocksHit, nanos - o.nanos);
        }

        /** The same counts with the phase's own wall time (the snapshot itself waits for the statistics to settle). */
        DbStats took(long wallNanos) {
            return new DbStats(commits, inserted, updated, deleted, returned, fetched, blocksRead, blocksHit, wallNanos);
        }

        String line(String what) {
            return String.format(Locale.ROOT, "| %s | %.1f s | %,d | %,d | %,d | %,d | %,d | %,d |", what, nanos / 1e9, commits,
                    inserted, updated, deleted, returned + fetched, blocksHit + blocksRead);
        }
    }

    private void run() throws Exception {
        db = DriverManager.getConnection(opt.getOrDefault("jdbc", "jdbc:postgresql://127.0.0.1:5432/eldercare_bench"),
                opt.getOrDefault("db-user", "eldercare"), opt.getOrDefault("db-password", "eldercare"));
        db.setAutoCommit(true);
        mqtt = new MqttAsyncClient(opt.getOrDefault("broker", "tcp://127.0.0.1:1884"), "bench-checkin-" + run, new MemoryPersistence());
        MqttConnectOptions o = new MqttConnectOptions();
        o.setUserName(opt.getOrDefault("mqtt-user", "platform"));
        o.setPassword(opt.getOrDefault("mqtt-password", "platform-dev-secret").toCharArray());
        o.setCleanSession(true);
        o.setMaxInflight(1000);
        mqtt.connect(o).waitForCompletion(10_000);
        say("%d elders, %d of them (%.1f %%) miss the check-in; run %s", elders, missed, 100.0 * missed / elders, run);

        // 1. Arm: every elder's care circle, with the check-in policy off (to time the plain snapshot path).
        DbStats s0 = stats();
        publishCircles(1, null, "select count(*) from alerting.care_circles where elder_id like ? and version = 1");
        awaitCount("care circles stored", "select count(*) from alerting.care_circles where elder_id like ? and version = 1", elders);
        long w0 = System.nanoTime() - s0.nanos();
        DbStats circlesOff = settled().minus(s0).took(w0);
        // A deadline far enough ahead for the next phases (the first phase's rate, with room for the pauses)
        double perSecond = elders / (circlesOff.nanos() / 1e9);
        ZonedDateTime due = ZonedDateTime.now(DISTRICT).plusSeconds((long) (1.8 * elders / perSecond) + 120)
                .truncatedTo(ChronoUnit.MINUTES).plusMinutes(1);
        String deadline = due.format(DateTimeFormatter.ofPattern("HH:mm"));
        say("circle snapshots stored at %.0f/s; deadline %s local (%s)", perSecond, deadline, due.toInstant());

        // 2. The policy switched on: a new snapshot version per elder arms one timer each.
        DbStats s1 = stats();
        publishCircles(2, deadline, "select count(*) from alerting.care_circles where elder_id like ? and version = 2");
        awaitCount("check-in deadlines armed",
                "select count(*) from alerting.timers where kind = 'CHECK_IN_DEADLINE' and timer_key like ?", elders);
        long w1 = System.nanoTime() - s1.nanos();
        DbStats armed = settled().minus(s1).took(w1);

        // 3. Everyone but the missed share checks in (one CHECK_IN event each).
        DbStats s2 = stats();
        long now = System.currentTimeMillis();
        Semaphore window = new Semaphore(1000);
        for (int i = missed; i < elders; i++) {
            String elder = elder(i);
            PlatformEvent e = new PlatformEvent(elder + ":ci-" + run, PlatformEventType.CHECK_IN, elder, "w-" + elder, null,
                    "ci-" + run, now, now, null, null, null, null, null, null, null, null, null, null, null, null);
            publish(window, Topics.event(PlatformEventType.CHECK_IN, elder), JSON.writeValueAsBytes(e));
            pace(i - missed + 1, "select count(*) from alerting.processed_events where event_id like ?");
        }
        awaitCount("check-ins recorded", "select count(*) from alerting.processed_events where event_id like ?", elders - missed);
        awaitCount("deadlines moved to tomorrow",
                "select count(*) from alerting.timers where kind = 'CHECK_IN_DEADLINE' and timer_key like ? and due_at > now() + interval '12 hours'",
                elders - missed);
        long w2 = System.nanoTime() - s2.nanos();
        DbStats checkIns = settled().minus(s2).took(w2);
        long stillToday = count("select count(*) from alerting.timers where kind = 'CHECK_IN_DEADLINE' and timer_key like ? "
                + "and due_at < now() + interval '12 hours'");
        if (stillToday != missed) {
            throw new IllegalStateException(stillToday + " deadlines pending today, expected the " + missed
                    + " elders who did not check in (is eldercare.alert.detect.first-check-in-grace 0?)");
        }
        if (Instant.now().isAfter(due.toInstant().minusSeconds(35))) {
            throw new IllegalStateException("the check-ins took too long: the deadline " + deadline + " is too near to measure a quiet period");
        }

        // 4. Quiet: every timer pending, nothing due; the poller's cost is all there is.
        DbStats s3 = stats();
        Map<String, long[]> quietBefore = tables();
        pause(Duration.ofSeconds(30));
        DbStats quiet = stats().minus(s3);
        Map<String, long[]> quietTables = tableDelta(quietBefore);

        // 5. The deadline: the missed share's timers fire, each raising an alert with notifications.
        pause(Duration.between(Instant.now(), due.toInstant()));
        DbStats s4 = stats();
        s4tables = tables();
        awaitCount("missed check-ins raised", "select count(*) from alerting.alerts where kind = 'MISSED_CHECK_IN' and elder_id like ?", missed);
        long w4 = System.nanoTime() - s4.nanos();
        long fromDeadlineMs = Duration.between(due.toInstant(), Instant.now()).toMillis();
        Map<String, long[]> tablesBefore = s4tables;
        DbStats fired = settled().minus(s4).took(w4);
        Map<String, long[]> firedTables = tableDelta(tablesBefore);
        long notifications = count("select count(*) from alerting.notifications n join alerting.alerts a on a.id = n.alert_id "
                + "where a.kind = 'MISSED_CHECK_IN' and a.elder_id like ?");
        long rearmed = count("select count(*) from alerting.timers where kind = 'CHECK_IN_DEADLINE' and timer_key like ? "
                + "and due_at > now() + interval '12 hours'");

        // Baseline in the same database: single-row insert transactions and selects by key.
        int rows = Integer.parseInt(opt.getOrDefault("baseline-rows", "20000"));
        long[] base = baseline(rows);

        report.add("| phase | wall time | transactions | rows inserted | rows updated | rows deleted | rows read | buffer pages |");
        report.add("|---|---|---|---|---|---|---|---|");
        report.add(circlesOff.line(String.format(Locale.ROOT, "%,d care circles stored (policy off)", elders)));
        report.add(armed.line(String.format(Locale.ROOT, "%,d check-in deadlines armed (new circle versions)", elders)));
        report.add(checkIns.line(String.format(Locale.ROOT, "%,d CHECK_IN events: deadline moved to tomorrow", elders - missed)));
        report.add(quiet.line(String.format(Locale.ROOT, "quiet: %,d deadlines pending, none due", elders)));
        report.add(fired.line(String.format(Locale.ROOT, "deadline: %,d missed check-ins raised, %,d notifications", missed, notifications)));
        report.add("");
        report.add(String.format(Locale.ROOT, "- the deadline minute: all %,d alerts raised %.1f s after the deadline (timer poll 1 s), "
                + "%.0f alerts/s; %,d elders re-armed for the next day (of %,d)", missed, fromDeadlineMs / 1000.0,
                missed / Math.max(0.001, fired.nanos() / 1e9), rearmed, elders));
        report.add(String.format(Locale.ROOT, "- quiet cost per minute with %,d pending deadlines: %,d transactions, %,d rows read",
                elders, Math.round(quiet.commits() * 60e9 / quiet.nanos()), Math.round((quiet.returned() + quiet.fetched()) * 60e9 / quiet.nanos())));
        report.add(String.format(Locale.ROOT, "- rates through alert-service: circle snapshots %.0f/s, deadlines armed %.0f/s, check-ins %.0f/s",
                elders / (circlesOff.nanos() / 1e9), elders / (armed.nanos() / 1e9), (elders - missed) / (checkIns.nanos() / 1e9)));
        report.add(String.format(Locale.ROOT, "- baseline, same PostgreSQL, one JDBC connection: %,d single-row INSERT transactions in %.1f s "
                + "(%.0f/s); %,d SELECTs by primary key in %.1f s (%.0f/s)", rows, base[0] / 1e9, rows / (base[0] / 1e9), rows,
                base[1] / 1e9, rows / (base[1] / 1e9)));
        report.add("- rows written per table (inserted/updated/deleted), quiet period: " + describe(quietTables));
        report.add("- rows written per table, deadline: " + describe(firedTables));
        report.forEach(System.out::println);
        if (opt.containsKey("out")) {
            Files.write(Path.of(opt.get("out")), report);
        }
        mqtt.disconnect().waitForCompletion(10_000);
        mqtt.close();
        db.close();
    }

    private String elder(int i) {
        return String.format("ckb-%s-%06d", run, i);
    }

    /**
     * Every {@code chunk} messages, waits until the alert service has stored them all: 100,000
     * snapshots published at once overwhelm it (handlers time out waiting for the database pool,
     * the connection is dropped and everything in flight redelivered), and a real district never
     * sends them so (visit-service publishes as elders change; the reconciliation walk is paged).
     */
    private void pace(int published, String countSql) throws Exception {
        int chunk = Integer.parseInt(opt.getOrDefault("chunk", "2000"));
        if (published % chunk == 0) {
            long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
            while (count(countSql) < published) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("the alert service did not keep up: fewer than " + published + " stored after 2 minutes");
                }
                pause(Duration.ofMillis(100));
            }
        }
    }

    private void publishCircles(long version, String deadline, String countSql) throws Exception {
        Semaphore window = new Semaphore(1000);
        for (int i = 0; i < elders; i++) {
            String elder = elder(i);
            GeoPoint home = new GeoPoint(39.90 + (i % 300) * 0.0002, 116.20 + (i / 300 % 300) * 0.0002, null);
            CareCircle c = new CareCircle(elder, version, true, "老人" + i, "北京市石景山区 " + i + " 号", home,
                    "110107" + String.format("%03d", 1 + i % 9), "ST-bench-" + (1 + i % 9), "MEDIUM", List.of("LIVING_ALONE"),
                    new CareCircle.CheckInPolicy(deadline != null, deadline == null ? "10:00" : deadline),
                    new CareCircle.SafeZone(false, home, 1000), new CareCircle.VitalThresholds(45, 130, 90),
                    List.of(new CareCircle.FamilyContact("ckbf-" + run + "-" + i, "家属" + i, "SON", "13800000000", 1, List.of("APP"))),
                    List.of(), null);
            publish(window, Topics.careCircle(elder), JSON.writeValueAsBytes(c));
            pace(i + 1, countSql);
        }
    }

    private void publish(Semaphore window, String topic, byte[] payload) throws MqttException, InterruptedException {
        window.acquire();
        mqtt.publish(topic, payload, 1, false, null, new org.eclipse.paho.client.mqttv3.IMqttActionListener() {
            @Override
            public void onSuccess(org.eclipse.paho.client.mqttv3.IMqttToken t) {
                window.release();
            }

            @Override
            public void onFailure(org.eclipse.paho.client.mqttv3.IMqttToken t, Throwable e) {
                window.release();
            }
        });
    }

    private void awaitCount(String what, String sql, long expected) throws Exception {
        long started = System.nanoTime();
        long last = -1;
        long lastChange = System.nanoTime();
        while (true) {
            long n = count(sql);
            if (n >= expected) {
                say("%s: %,d in %.1f s", what, n, (System.nanoTime() - started) / 1e9);
                return;
            }
            if (n != last) {
                last = n;
                lastChange = System.nanoTime();
            } else if (System.nanoTime() - lastChange > Duration.ofSeconds(90).toNanos()) {
                throw new IllegalStateException(what + ": stuck at " + n + " of " + expected);
            }
            pause(Duration.ofMillis(250));
        }
    }

    private long count(String sql) throws SQLException {
        try (PreparedStatement ps = db.prepareStatement(sql)) {
            ps.setString(1, "ckb-" + run + "-%");
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private DbStats stats() throws SQLException {
        try (Statement st = db.createStatement();
             ResultSet rs = st.executeQuery("select xact_commit, tup_inserted, tup_updated, tup_deleted, tup_returned, tup_fetched, "
                     + "blks_read, blks_hit from pg_stat_database where datname = current_database()")) {
            rs.next();
            return new DbStats(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4), rs.getLong(5), rs.getLong(6),
                    rs.getLong(7), rs.getLong(8), System.nanoTime());
        }
    }

    /** Statistics as they stand once every backend had time to report (idle backends report within 10 s). */
    private DbStats settled() throws Exception {
        pause(Duration.ofSeconds(11));
        return stats();
    }

    private Map<String, long[]> tables() throws SQLException {
        Map<String, long[]> out = new java.util.TreeMap<>();
        try (Statement st = db.createStatement();
             ResultSet rs = st.executeQuery("select relname, n_tup_ins, n_tup_upd, n_tup_del from pg_stat_user_tables where schemaname = 'alerting'")) {
            while (rs.next()) {
                out.put(rs.getString(1), new long[]{rs.getLong(2), rs.getLong(3), rs.getLong(4)});
            }
        }
        return out;
    }

    private Map<String, long[]> tableDelta(Map<String, long[]> before) throws Exception {
        pause(Duration.ofSeconds(11));
        Map<String, long[]> out = new java.util.TreeMap<>();
        tables().forEach((t, now) -> {
            long[] b = before.getOrDefault(t, new long[3]);
            long[] d = {now[0] - b[0], now[1] - b[1], now[2] - b[2]};
            if (d[0] + d[1] + d[2] > 0) {
                out.put(t, d);
            }
        });
        return out;
    }

    private static String describe(Map<String, long[]> delta) {
        if (delta.isEmpty()) {
            return "none";
        }
        StringBuilder b = new StringBuilder();
        delta.forEach((t, d) -> b.append(b.length() == 0 ? "" : ", ").append(String.format(Locale.ROOT, "%s %,d/%,d/%,d", t, d[0], d[1], d[2])));
        return b.toString();
    }

    private long[] baseline(int rows) throws SQLException {
        try (Statement st = db.createStatement()) {
            st.execute("create table if not exists public.bench_plain (id bigint primary key, elder_id text not null, due_at timestamptz not null)");
            st.execute("truncate public.bench_plain");
        }
        long t0 = System.nanoTime();
        try (PreparedStatement ps = db.prepareStatement("insert into public.bench_plain (id, elder_id, due_at) values (?, ?, now())")) {
            for (int i = 0; i < rows; i++) {
                ps.setLong(1, i);
                ps.setString(2, elder(i));
                ps.executeUpdate();
            }
        }
        long inserts = System.nanoTime() - t0;
        long t1 = System.nanoTime();
        try (PreparedStatement ps = db.prepareStatement("select elder_id, due_at from public.bench_plain where id = ?")) {
            for (int i = 0; i < rows; i++) {
                ps.setLong(1, i);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                }
            }
        }
        long selects = System.nanoTime() - t1;
        try (Statement st = db.createStatement()) {
            st.execute("drop table public.bench_plain");
        }
        return new long[]{inserts, selects};
    }

    private static void pause(Duration d) throws InterruptedException {
        if (!d.isNegative()) {
            Thread.sleep(d.toMillis());
        }
    }

    private static void say(String format, Object... args) {
        System.out.println("[check-in] " + String.format(Locale.ROOT, format, args));
    }
}
