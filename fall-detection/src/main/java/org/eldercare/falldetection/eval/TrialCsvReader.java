package org.eldercare.falldetection.eval;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads one trial CSV: {@code time,x,y,z} per line, comma separated, optional header line.
 * A header is recognised by a first field that is neither a number nor a time.
 * Time is either a number ({@link TimeUnit}) or a local date-time {@code yyyy-MM-dd HH:mm:ss[.fraction]}
 * ('T' allowed as separator) or a time of day {@code HH:mm:ss[.fraction]} (a wrap past midnight adds a day).
 * Acceleration unit per {@link AccelerationUnit}. Any later line that does not parse makes the whole trial
 * unreadable ({@link UnreadableTrialException}): a trial with a shifted or garbled column is not guessed at.
 */
public final class TrialCsvReader {
    public static final double STANDARD_GRAVITY = 9.80665;

    public enum AccelerationUnit {
        G(1.0), MS2(1.0 / STANDARD_GRAVITY);

        final double toG;

        AccelerationUnit(double toG) {
            this.toG = toG;
        }

        public static AccelerationUnit parse(String s) {
            return switch (s.toLowerCase()) {
                case "g" -> G;
                case "ms2", "m/s2", "m/s^2" -> MS2;
                default -> throw new IllegalArgumentException("unit must be g or ms2, was " + s);
            };
        }
    }

    /** Unit of numeric time values; AUTO takes seconds when values are below 1e10 and the median step below 1. */
    public enum TimeUnit {
        MS, S, AUTO;

        public static TimeUnit parse(String s) {
            return switch (s.toLowerCase()) {
                case "ms" -> MS;
                case "s" -> S;
                case "auto" -> AUTO;
                default -> throw new IllegalArgumentException("time unit must be ms, s or auto, was " + s);
            };
        }
    }

    public static final class UnreadableTrialException extends Exception {
        public UnreadableTrialException(String message) {
            super(message);
        }
    }

    private static final Pattern DATE_TIME = Pattern.compile(
            "^(?:(\\d{4})-(\\d{2})-(\\d{2})[ T])?(\\d{1,2}):(\\d{2}):(\\d{2})(?:\\.(\\d{1,9}))?$");

    private final AccelerationUnit unit;
    private final TimeUnit timeUnit;

    public TrialCsvReader(AccelerationUnit unit, TimeUnit timeUnit) {
        this.unit = unit;
        this.timeUnit = timeUnit;
    }

    /** Times in ms (first column converted) and samples in g. */
    public record Parsed(double[] timesMs, double[][] samplesG) {
    }

    public Parsed read(Path file) throws IOException, UnreadableTrialException {
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return parse(in.lines().toList());
        }
    }

    public Parsed parse(List<String> lines) throws UnreadableTrialException {
        List<double[]> rows = new ArrayList<>();
        List<Double> times = new ArrayList<>();
        boolean numericTime = false;
        boolean clockTime = false;
        int lineNo = 0;
        for (String raw : lines) {
            lineNo++;
            String line = raw.strip();
            if (line.isEmpty()) {
                continue;
            }
            String[] f = line.split(",");
            if (f.length < 4) {
                throw new UnreadableTrialException("line " + lineNo + ": expected time,x,y,z");
            }
            Double t = parseTime(f[0].strip());
            double[] xyz = new double[3];
            boolean numbers = t != null;
            for (int a = 0; a < 3 && numbers; a++) {
                try {
                    xyz[a] = Double.parseDouble(f[a + 1].strip()) * unit.toG;
                    numbers = Double.isFinite(xyz[a]);
                } catch (NumberFormatException e) {
                    numbers = false;
                }
            }
            if (!numbers) {
                if (t == null && rows.isEmpty() && lineNo == firstNonEmpty(lines)) {
                    continue; // header: its first field is neither a number nor a time
                }
                throw new UnreadableTrialException("line " + lineNo + ": not time,x,y,z: " + abbreviate(line));
            }
            boolean isClock = DATE_TIME.matcher(f[0].strip()).matches();
            numericTime |= !isClock;
            clockTime |= isClock;
            times.add(t);
            rows.add(xyz);
        }
        if (numericTime && clockTime) {
            throw new UnreadableTrialException("mixed numeric and clock times");
        }
        if (rows.size() < 2) {
            throw new UnreadableTrialException("fewer than 2 samples");
        }
        double[] ms = new double[times.size()];
        for (int i = 0; i < ms.length; i++) {
            ms[i] = times.get(i);
        }
        if (numericTime) {
            double factor = switch (timeUnit) {
                case MS -> 1;
                case S -> 1000;
                case AUTO -> looksLikeSeconds(ms) ? 1000 : 1;
            };
            for (int i = 0; i < ms.length; i++) {
                ms[i] *= factor;
            }
        } else {
            unwrapMidnight(ms);
        }
        return new Parsed(ms, rows.toArray(new double[0][]));
    }

    private static int firstNonEmpty(List<String> lines) {
        for (int i = 0; i < lines.size(); i++) {
            if (!lines.get(i).isBlank()) {
                return i + 1;
            }
        }
        return -1;
    }

    /** Numeric value, or clock time in ms since 1970-01-01 of that local date (or since midnight); null if neither. */
    static Double parseTime(String s) {
        Matcher m = DATE_TIME.matcher(s);
        if (m.matches()) {
            long days = 0;
            if (m.group(1) != null) {
                days = java.time.LocalDate.of(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)),
                        Integer.parseInt(m.group(3))).toEpochDay();
            }
            double fraction = m.group(7) == null ? 0 : Double.parseDouble("0." + m.group(7));
            double seconds = Integer.parseInt(m.group(4)) * 3600.0 + Integer.parseInt(m.group(5)) * 60.0
                    + Integer.parseInt(m.group(6)) + fraction;
            return days * 86_400_000.0 + seconds * 1000.0;
        }
        try {
            double v = Double.parseDouble(s);
            return Double.isFinite(v) ? v : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static boolean looksLikeSeconds(double[] t) {
        double maxAbs = 0;
        List<Double> steps = new ArrayList<>();
        for (int i = 0; i < t.length; i++) {
            maxAbs = Math.max(maxAbs, Math.abs(t[i]));
            if (i > 0 && t[i] > t[i - 1]) {
                steps.add(t[i] - t[i - 1]);
            }
        }
        if (steps.isEmpty() || maxAbs >= 1e10) {
            return false;
        }
        steps.sort(null);
        return steps.get(steps.size() / 2) < 1.0;
    }

    /** A time-of-day column that jumps back by more than 12 h crossed midnight. */
    private static void unwrapMidnight(double[] t) {
        double add = 0;
        for (int i = 1; i < t.length; i++) {
            if (t[i] + add < t[i - 1] - 43_200_000.0) {
                add += 86_400_000.0;
            }
            t[i] += add;
        }
    }

    private static String abbreviate(String s) {
        return s.length() <= 60 ? s : s.substring(0, 60) + "...";
    }
}
