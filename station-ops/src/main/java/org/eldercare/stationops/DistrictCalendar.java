package org.eldercare.stationops;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;

/** Meal days and statement months follow the district's calendar, not UTC. */
public final class DistrictCalendar {

    public static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");

    private DistrictCalendar() {
    }

    public static LocalDate dayOf(Instant instant) {
        return instant.atZone(ZONE).toLocalDate();
    }

    public static LocalDate today() {
        return LocalDate.now(ZONE);
    }
}
