package org.eldercare.gateway.telemetry;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Which daily telemetry partitions (UTC days, named {@code telemetry_pYYYYMMDD}) must exist and
 * which are past retention, given today and the partitions there are.
 */
public final class PartitionPlan {

    private static final Pattern NAME = Pattern.compile("telemetry_p(\\d{8})");
    private static final DateTimeFormatter DAY = DateTimeFormatter.BASIC_ISO_DATE;

    public record Plan(List<LocalDate> create, List<String> drop) {
    }

    private PartitionPlan() {
    }

    /**
     * @param oldestAccepted first day buffered data may still arrive for (today minus the max age)
     * @param retentionDays  a partition whose whole day is older than this is dropped
     */
    public static Plan plan(LocalDate today, LocalDate oldestAccepted, int daysAhead, int retentionDays,
                            Collection<String> existing) {
        List<LocalDate> have = new ArrayList<>();
        List<String> drop = new ArrayList<>();
        LocalDate keepFrom = today.minusDays(retentionDays);
        for (String name : existing) {
            Optional<LocalDate> day = dayOf(name);
            if (day.isEmpty()) {
                continue;
            }
            if (day.get().isBefore(keepFrom)) {
                drop.add(name);
            } else {
                have.add(day.get());
            }
        }
        List<LocalDate> create = new ArrayList<>();
        LocalDate from = oldestAccepted.isBefore(keepFrom) ? keepFrom : oldestAccepted;
        for (LocalDate d = from; !d.isAfter(today.plusDays(daysAhead)); d = d.plusDays(1)) {
            if (!have.contains(d)) {
                create.add(d);
            }
        }
        return new Plan(create, drop);
    }

    public static String name(LocalDate day) {
        return "telemetry_p" + day.format(DAY);
    }

    public static Optional<LocalDate> dayOf(String name) {
        Matcher m = NAME.matcher(name);
        return m.matches() ? Optional.of(LocalDate.parse(m.group(1), DAY)) : Optional.empty();
    }
}
