package org.eldercare.visits.plan;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eldercare.visits.circle.Assignment;
import org.eldercare.visits.elder.Elder;

import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Turns the visit rules into plan items, month by month, and marks them done as visits complete.
 * Generation is idempotent (one item per elder and period), so it runs whenever an elder or their
 * assignment changes, on the first of each month, and on demand.
 */
@ApplicationScoped
public class Planner {

    public static final ZoneId DISTRICT_ZONE = ZoneId.of("Asia/Shanghai");
    public static final String OPEN = "OPEN";
    public static final String DONE = "DONE";
    public static final String CANCELLED = "CANCELLED";

    private final VisitRules rules;

    public Planner(VisitRules rules) {
        this.rules = rules;
    }

    public static LocalDate today() {
        return LocalDate.now(DISTRICT_ZONE);
    }

    /** Brings the elder's plan for the current month up to date; must run in a transaction. */
    public Uni<Integer> refresh(Elder e) {
        return generate(e, YearMonth.from(today()));
    }

    /**
     * Creates the missing items of {@code month} for the elder, points open items at the current
     * primary visitor, and cancels open items of an elder who left the programme.
     */
    public Uni<Integer> generate(Elder e, YearMonth month) {
        LocalDate first = month.atDay(1);
        LocalDate last = month.atEndOfMonth();
        return Assignment.<Assignment>list("elderId = ?1 order by position", e.id).chain(assignments -> {
            String primary = assignments.isEmpty() ? null : assignments.get(0).visitorId;
            return PlanItem.<PlanItem>list("elderId = ?1 and periodStart between ?2 and ?3", e.id, first, last).chain(existing -> {
                if (!e.active) {
                    existing.stream().filter(i -> OPEN.equals(i.status)).forEach(i -> i.status = CANCELLED);
                    return Uni.createFrom().item(0);
                }
                existing.stream().filter(i -> OPEN.equals(i.status)).forEach(i -> i.visitorId = primary);
                Set<LocalDate> have = new HashSet<>();
                existing.forEach(i -> have.add(i.periodStart));
                VisitRule rule = rules.ruleFor(e.categories());
                List<PlanItem> fresh = VisitRules.periods(month, rule.frequency()).stream()
                        .filter(p -> !have.contains(p.start()))
                        .map(p -> {
                            PlanItem i = new PlanItem();
                            i.elderId = e.id;
                            i.visitorId = primary;
                            i.areaCode = e.areaCode;
                            i.stationId = e.stationId;
                            i.periodStart = p.start();
                            i.dueDate = p.due();
                            i.frequency = rule.frequency().name();
                            i.phoneAllowed = rule.phoneAllowed();
                            i.ruleVersion = rules.version();
                            i.status = OPEN;
                            return i;
                        }).toList();
                return fresh.isEmpty() ? Uni.createFrom().item(0)
                        : PlanItem.persist(fresh).replaceWith(fresh.size());
            });
        });
    }

    /**
     * Marks done the open item whose period contains the visit's day, if the visit's kind satisfies
     * it (a phone call does not stand in for an in-person visit). A late visit does not repair an
     * overdue item of an earlier period: the statistics should show it was late.
     */
    public Uni<PlanItem> fulfil(String elderId, String visitId, String kind, Instant completedAt) {
        LocalDate day = completedAt.atZone(DISTRICT_ZONE).toLocalDate();
        return PlanItem.<PlanItem>find("elderId = ?1 and status = ?2 and periodStart <= ?3 and dueDate >= ?3 order by periodStart",
                        elderId, OPEN, day).firstResult()
                .invoke(i -> {
                    if (i != null && (i.phoneAllowed || "IN_PERSON".equals(kind))) {
                        i.status = DONE;
                        i.visitId = visitId;
                        i.doneAt = completedAt;
                    }
                });
    }
}
