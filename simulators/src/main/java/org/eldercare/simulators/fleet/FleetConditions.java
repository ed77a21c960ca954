package org.eldercare.simulators.fleet;

import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Random;

/**
 * What goes wrong with one watch in the field, seeded per watch: its clock runs a little ahead or
 * behind, it loses coverage now and then and keeps its samples until it is back (then sends them
 * oldest first, in a burst), its connection drops and comes back, and a share of what it sends is
 * garbage. Plain Java: the fleet asks it before every sample.
 */
public final class FleetConditions {

    /** How often each thing happens; all per sample (one sample every 15 s by default). */
    public record Rates(long maxDriftMs, double gapChance, int gapSamplesMin, int gapSamplesMax, double reconnectChance,
                        double malformedShare) {
        /** About one gap and one reconnect per watch every couple of hours, 0.5 % garbage. */
        public static Rates everyday() {
            return new Rates(15_000, 0.002, 4, 16, 0.002, 0.005);
        }

        /** A rough day for the soak: gaps, reconnects and garbage every few minutes per hundred watches. */
        public static Rates busy() {
            return new Rates(15_000, 0.01, 4, 12, 0.01, 0.02);
        }

        public static Rates none() {
            return new Rates(0, 0, 0, 0, 0, 0);
        }
    }

    /** What to do with the sample now due. */
    public enum Action { SEND, BUFFER, FLUSH_THEN_SEND, DROP_CONNECTION, GARBAGE }

    private final Random random;
    private final Rates rates;
    private final long driftMs;
    private final Deque<DailyRhythm.Reading> buffered = new ArrayDeque<>();
    private int gapLeft;

    public FleetConditions(long seed, Rates rates) {
        this.random = new Random(seed);
        this.rates = rates;
        this.driftMs = rates.maxDriftMs() == 0 ? 0 : (long) ((random.nextDouble() * 2 - 1) * rates.maxDriftMs());
    }

    /** The watch's clock: true time plus its drift. */
    public long watchClock(long trueMillis) {
        return trueMillis + driftMs;
    }

    public long driftMs() {
        return driftMs;
    }

    /** Decides the fate of {@code reading}; a buffered one is kept here until the gap ends. */
    public Action next(DailyRhythm.Reading reading) {
        if (gapLeft > 0) {
            gapLeft--;
            buffered.addLast(reading);
            return gapLeft == 0 ? Action.FLUSH_THEN_SEND : Action.BUFFER;
        }
        double roll = random.nextDouble();
        if (roll < rates.gapChance()) {
            gapLeft = rates.gapSamplesMin() + random.nextInt(Math.max(1, rates.gapSamplesMax() - rates.gapSamplesMin() + 1));
            buffered.addLast(reading);
            gapLeft--;
            return gapLeft == 0 ? Action.FLUSH_THEN_SEND : Action.BUFFER;
        }
        roll -= rates.gapChance();
        if (roll < rates.reconnectChance()) {
            return Action.DROP_CONNECTION;
        }
        roll -= rates.reconnectChance();
        return roll < rates.malformedShare() ? Action.GARBAGE : Action.SEND;
    }

    /** The samples kept during the gap, oldest first; the buffer is empty afterwards. */
    public Deque<DailyRhythm.Reading> drain() {
        Deque<DailyRhythm.Reading> out = new ArrayDeque<>(buffered);
        buffered.clear();
        return out;
    }

    /** A malformed or implausible payload of the kinds real watches produce, and why it is wrong. */
    public record Garbage(String endpoint, byte[] payload, String expectedReason) {
    }

    public Garbage garbage(String messageId, long ts) {
        return switch (random.nextInt(5)) {
            case 0 -> new Garbage("telemetry", ("{\"id\":\"" + messageId + "\",\"ts\":" + ts + ",\"hr\":").getBytes(StandardCharsets.UTF_8),
                    "MALFORMED_JSON");
            case 1 -> new Garbage("telemetry", ("{\"id\":\"" + messageId + "\",\"ts\":" + ts + ",\"hr\":300,\"battery\":140}")
                    .getBytes(StandardCharsets.UTF_8), "OUT_OF_RANGE");
            case 2 -> new Garbage("telemetry", ("{\"id\":\"" + messageId + "\",\"ts\":\"yesterday\",\"hr\":72}")
                    .getBytes(StandardCharsets.UTF_8), "SCHEMA");
            case 3 -> new Garbage("telemetry", ("{\"id\":\"" + messageId + "\",\"ts\":" + (ts + 86_400_000L) + ",\"hr\":72}")
                    .getBytes(StandardCharsets.UTF_8), "TS_IN_FUTURE");
            default -> new Garbage("events", ("{\"id\":\"" + messageId + "\",\"ts\":" + ts + ",\"type\":\"DANCE\"}")
                    .getBytes(StandardCharsets.UTF_8), "UNKNOWN_EVENT_TYPE");
        };
    }
}
