package org.eldercare.alert.detection;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * Daily check-in deadlines on the district's calendar. A check-in (button, activity while worn, a
 * completed visit) on a local day satisfies that day, even after its deadline; so after it the next
 * deadline is the following day's. Only one deadline per elder is ever pending, which is what keeps
 * the work proportional to the elders falling due.
 */
public final class CheckInSchedule {

    private final ZoneId zone;

    public CheckInSchedule(ZoneId zone) {
        this.zone = zone;
    }

    /** "HH:mm" as configured per elder; empty for an unreadable value. */
    public static Optional<LocalTime> parseDeadline(String hhmm) {
        if (hhmm == null || hhmm.isBlank()) {
            return Optional.empty();
        }
        try {
            return Optional.of(LocalTime.parse(hhmm.trim()));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    /** The first deadline strictly after {@code now}: for an elder newly monitored, or after a deadline fired. */
    public Instant nextDeadlineAfter(LocalTime deadline, Instant now) {
        ZonedDateTime local = now.atZone(zone);
        ZonedDateTime today = local.toLocalDate().atTime(deadline).atZone(zone);
        return today.toInstant().isAfter(now) ? today.toInstant() : deadlineOn(local.toLocalDate().plusDays(1), deadline);
    }

    /**
     * The first deadline of an elder whose check-in policy starts at {@code enrolledAt}: the first
     * daily deadline no sooner than {@code grace} after it (and strictly after it), so that nobody
     * enrolled at 09:55 is alerted for missing a 10:00 check-in they could not have known about.
     */
    public Instant firstDeadline(LocalTime deadline, Instant enrolledAt, Duration grace) {
        Instant earliest = grace.isNegative() ? enrolledAt : enrolledAt.plus(grace);
        LocalDate day = earliest.atZone(zone).toLocalDate();
        Instant candidate = deadlineOn(day, deadline);
        return !candidate.isBefore(earliest) && candidate.isAfter(enrolledAt) ? candidate : deadlineOn(day.plusDays(1), deadline);
    }

    /**
     * Where a pending deadline goes when the elder's daily deadline changes to {@code newDeadline}:
     * the same local day at the new time, so that a day already checked in stays satisfied and a day
     * still open keeps being watched. If that time has already passed, the next day's: a policy
     * changed at 09:00 from 10:00 to 08:00 must not raise a missed check-in for a deadline that did
     * not exist when it passed.
     */
    public Instant movedDeadline(Instant pendingDue, LocalTime newDeadline, Instant now) {
        LocalDate day = pendingDue.atZone(zone).toLocalDate();
        Instant candidate = deadlineOn(day, newDeadline);
        return candidate.isAfter(now) ? candidate : nextDeadlineAfter(newDeadline, now);
    }

    /** The deadline that is next to be met once the elder checked in at {@code checkIn}. */
    public Instant nextDeadlineAfterCheckIn(LocalTime deadline, Instant checkIn) {
        return deadlineOn(checkIn.atZone(zone).toLocalDate().plusDays(1), deadline);
    }

    private Instant deadlineOn(LocalDate day, LocalTime deadline) {
        return day.atTime(deadline).atZone(zone).toInstant();
    }
}
