package org.eldercare.beds.occupancy;

import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;

/**
 * The bed-day rule (床日): a stay occupies one bed-day for every calendar day in Asia/Shanghai from
 * its admission day up to, but not including, its discharge day. Admitted and discharged on the same
 * day is therefore zero bed-days; a stay still open counts up to and including today.
 */
public final class BedDays {

    public static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");

    private BedDays() {
    }

    /** The days of a month that can hold bed-days as of {@code today}: [from, toExclusive). */
    public record Window(YearMonth month, LocalDate from, LocalDate toExclusive, boolean complete) {

        public long days() {
            return Math.max(0, ChronoUnit.DAYS.between(from, toExclusive));
        }

        public Instant start() {
            return from.atStartOfDay(ZONE).toInstant();
        }

        public Instant end() {
            return toExclusive.atStartOfDay(ZONE).toInstant();
        }
    }

    /** The month's window; a month still running ends after today, and {@code complete} says the month is over. */
    public static Window window(YearMonth month, LocalDate today) {
        LocalDate from = month.atDay(1);
        LocalDate afterMonth = month.atEndOfMonth().plusDays(1);
        LocalDate afterToday = today.plusDays(1);
        LocalDate to = afterToday.isBefore(afterMonth) ? afterToday : afterMonth;
        if (to.isBefore(from)) {
            to = from;
        }
        return new Window(month, from, to, today.isAfter(month.atEndOfMonth()));
    }

    /** Bed-days of one stay inside the window. */
    public static long count(Instant admittedAt, Instant dischargedAt, Window window) {
        LocalDate admitted = admittedAt.atZone(ZONE).toLocalDate();
        LocalDate start = admitted.isAfter(window.from()) ? admitted : window.from();
        LocalDate end = window.toExclusive();
        if (dischargedAt != null) {
            LocalDate discharged = dischargedAt.atZone(ZONE).toLocalDate();
            if (discharged.isBefore(end)) {
                end = discharged;
            }
        }
        return Math.max(0, ChronoUnit.DAYS.between(start, end));
    }

    /** Whether a stay occupies its bed on {@code day} under the same rule. */
    public static boolean occupies(Instant admittedAt, Instant dischargedAt, LocalDate day) {
        LocalDate admitted = admittedAt.atZone(ZONE).toLocalDate();
        return !admitted.isAfter(day)
                && (dischargedAt == null || dischargedAt.atZone(ZONE).toLocalDate().isAfter(day));
    }
}
