package org.eldercare.simulators.fleet;

import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Random;

/**
 * What an elder's watch would read at a given moment of their day: heart rate that rises with
 * activity and falls at night, steps that accumulate from morning and reset at midnight, a battery
 * that drains through the day and charges overnight (watch off the wrist while charging), and a
 * position that wanders a little around home. Deterministic for a seed, so runs are reproducible.
 */
public final class DailyRhythm {

    static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");

    private final Random random;
    private final int restingHr;
    private final double homeLat;
    private final double homeLon;
    private final int dailySteps;
    private double battery;
    private long lastTs;

    public DailyRhythm(long seed, double homeLat, double homeLon) {
        this.random = new Random(seed);
        this.restingHr = 58 + random.nextInt(20);
        this.homeLat = homeLat;
        this.homeLon = homeLon;
        this.dailySteps = 1500 + random.nextInt(5000);
        this.battery = 40 + random.nextInt(60);
    }

    public record Reading(long ts, int hr, int spo2, int steps, int battery, boolean worn, double lat, double lon) {
    }

    public Reading at(long ts) {
        LocalTime t = Instant.ofEpochMilli(ts).atZone(ZONE).toLocalTime();
        double hour = t.getHour() + t.getMinute() / 60.0;
        boolean night = hour < 6.5 || hour >= 22;
        boolean charging = hour >= 22.5 || hour < 5.5;
        double elapsedMin = lastTs == 0 ? 0 : (ts - lastTs) / 60000.0;
        lastTs = ts;
        battery = charging ? Math.min(100, battery + elapsedMin * 1.2) : Math.max(0, battery - elapsedMin * 0.06);
        double activity = night ? 0 : Math.max(0, Math.sin(Math.PI * (hour - 6.5) / 15.5));
        int hr = (int) Math.round(restingHr - (night ? 6 : 0) + activity * 22 + random.nextGaussian() * 3);
        int spo2 = (int) Math.min(100, Math.round(96.5 + random.nextGaussian() * 1.2));
        int steps = (int) (dailySteps * Math.min(1, Math.max(0, (hour - 6.5) / 15.5)));
        double jitter = night ? 0.00005 : 0.0012 * activity;
        double lat = homeLat + random.nextGaussian() * jitter;
        double lon = homeLon + random.nextGaussian() * jitter;
        return new Reading(ts, hr, spo2, steps, (int) Math.round(battery), !charging, lat, lon);
    }

    public double homeLat() {
        return homeLat;
    }

    public double homeLon() {
        return homeLon;
    }
}
