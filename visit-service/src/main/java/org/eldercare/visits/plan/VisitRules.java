package org.eldercare.visits.plan;

import org.eldercare.visits.elder.CareCategory;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The district's visiting rules by care category, as configured under a version name (the rules
 * change with policy; each plan item records the version it was made under). An elder in several
 * categories gets the strictest combination; an elder in none of the listed ones gets the fallback.
 */
public final class VisitRules {

    private final String version;
    private final Map<CareCategory, VisitRule> byCategory;
    private final VisitRule fallback;

    public VisitRules(String version, Map<CareCategory, VisitRule> byCategory, VisitRule fallback) {
        this.version = version;
        this.byCategory = byCategory.isEmpty() ? Map.of() : new EnumMap<>(byCategory);
        this.fallback = fallback;
    }

    public String version() {
        return version;
    }

    public VisitRule ruleFor(Set<CareCategory> categories) {
        VisitRule rule = null;
        for (CareCategory c : categories) {
            VisitRule r = byCategory.get(c);
            if (r != null) {
                rule = rule == null ? r : rule.strictest(r);
            }
        }
        return rule != null ? rule : fallback;
    }

    /** A span of days in which one visit is due, by its last day. */
    public record Period(LocalDate start, LocalDate due) {
        public boolean contains(LocalDate d) {
            return !d.isBefore(start) && !d.isAfter(due);
        }
    }

    /**
     * The periods of a calendar month: weekly = days 1-7, 8-14, 15-21 and 22 to the month's end
     * (the short tail is merged into the fourth week rather than asking for a visit within 1-3 days);
     * monthly = the whole month. Periods stay inside the month so that monthly statistics add up.
     */
    public static List<Period> periods(YearMonth month, Frequency frequency) {
        List<Period> out = new ArrayList<>();
        if (frequency == Frequency.MONTHLY) {
            out.add(new Period(month.atDay(1), month.atEndOfMonth()));
            return out;
        }
        for (int startDay = 1; startDay <= 22; startDay += 7) {
            LocalDate start = month.atDay(startDay);
            LocalDate due = startDay == 22 ? month.atEndOfMonth() : start.plusDays(6);
            out.add(new Period(start, due));
        }
        return out;
    }
}
