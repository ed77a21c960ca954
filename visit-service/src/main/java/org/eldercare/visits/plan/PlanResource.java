package org.eldercare.visits.plan;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.quarkus.scheduler.Scheduled;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.eldercare.visits.elder.Elder;
import org.eldercare.web.Caller;
import org.eldercare.web.ProblemException;
import org.eldercare.web.Roles;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Visit plans: generation, each visitor's schedule, overdue visits, and done-versus-planned statistics. */
@Path("/api")
@Tag(name = "Visit plans and statistics")
@SecurityRequirement(name = "jwt")
public class PlanResource {

    public record PlanItemView(long id, String elderId, String visitorId, String areaCode, String stationId,
                               LocalDate periodStart, LocalDate dueDate, Frequency frequency, boolean phoneAllowed,
                               String ruleVersion, String status, String visitId, boolean overdue) {
        static PlanItemView of(PlanItem i, LocalDate today) {
            return new PlanItemView(i.id, i.elderId, i.visitorId, i.areaCode, i.stationId, i.periodStart, i.dueDate,
                    Frequency.valueOf(i.frequency), i.phoneAllowed, i.ruleVersion, i.status, i.visitId,
                    Planner.OPEN.equals(i.status) && i.dueDate.isBefore(today));
        }
    }

    public record GenerateResult(String month, String ruleVersion, int elders, int itemsCreated) {
    }

    public record StatRow(String key, long planned, long done, long overdue, long visitsCompleted) {
    }

    private static final String MONTH = "\\d{4}-(0[1-9]|1[0-2])";

    private final Planner planner;
    private final VisitRules rules;
    private final SecurityIdentity identity;

    public PlanResource(Planner planner, VisitRules rules, SecurityIdentity identity) {
        this.planner = planner;
        this.rules = rules;
        this.identity = identity;
    }

    @POST
    @Path("/visit-plans/generate")
    @RolesAllowed({Roles.BUREAU, Roles.OPERATOR})
    @WithTransaction
    @Operation(summary = "Generate the visit plan of a month", description = "Idempotent: only missing items are created. An operator generates for their station.")
    public Uni<GenerateResult> generate(@QueryParam("month") @NotBlank @Pattern(regexp = MONTH, message = "must be YYYY-MM") String month) {
        Caller caller = Caller.of(identity);
        YearMonth ym = YearMonth.parse(month);
        Uni<List<Elder>> elders = caller.is(Roles.BUREAU) ? Elder.list("active = true")
                : Elder.list("active = true and stationId = ?1", caller.stationId());
        return elders.chain(es -> generateAll(es, ym)).map(n -> new GenerateResult(month, rules.version(), n[0], n[1]));
    }

    /** On the first of each month the plan of the new month is made, in case no change triggered it. */
    @Scheduled(cron = "0 5 0 1 * ?", timeZone = "Asia/Shanghai", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> monthly() {
        return Panache.withTransaction(() -> Elder.<Elder>list("active = true")
                .chain(es -> generateAll(es, YearMonth.from(Planner.today())))).replaceWithVoid();
    }

    private Uni<int[]> generateAll(List<Elder> elders, YearMonth ym) {
        int[] counts = {elders.size(), 0};
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (Elder e : elders) {
            chain = chain.chain(() -> planner.generate(e, ym).invoke(n -> counts[1] += n)).replaceWithVoid();
        }
        return chain.replaceWith(counts);
    }

    @GET
    @Path("/visit-plans/visitors/{visitorId}")
    @RolesAllowed({Roles.BUREAU, Roles.OPERATOR, Roles.VISITOR})
    @WithSession
    @Operation(summary = "A visitor's planned visits in a month, by due date")
    public Uni<List<PlanItemView>> schedule(@PathParam("visitorId") String visitorId,
                                            @QueryParam("month") @NotBlank @Pattern(regexp = MONTH, message = "must be YYYY-MM") String month) {
        Caller caller = Caller.of(identity);
        if (caller.is(Roles.VISITOR) && !caller.is(Roles.BUREAU) && !caller.subject().equals(visitorId)) {
            throw ProblemException.forbidden("A visitor sees only their own schedule.");
        }
        YearMonth ym = YearMonth.parse(month);
        String q = "visitorId = :v and periodStart between :a and :b" + (stationScoped(caller) ? " and stationId = :s" : "")
                + " order by dueDate, elderId";
        Map<String, Object> p = new HashMap<>(Map.of("v", visitorId, "a", ym.atDay(1), "b", ym.atEndOfMonth()));
        if (stationScoped(caller)) {
            p.put("s", caller.stationId());
        }
        LocalDate today = Planner.today();
        return PlanItem.<PlanItem>list(q, p).map(l -> l.stream().map(i -> PlanItemView.of(i, today)).toList());
    }

    @GET
    @Path("/visit-plans/overdue")
    @RolesAllowed({Roles.BUREAU, Roles.OPERATOR, Roles.VISITOR})
    @WithSession
    @Operation(summary = "Planned visits past their due date and not done", description = "Bureau: all; operator: their station; visitor: their own.")
    public Uni<List<PlanItemView>> overdue() {
        Caller caller = Caller.of(identity);
        LocalDate today = Planner.today();
        StringBuilder q = new StringBuilder("status = :open and dueDate < :today");
        Map<String, Object> p = new HashMap<>(Map.of("open", Planner.OPEN, "today", today));
        if (stationScoped(caller)) {
            q.append(" and stationId = :s");
            p.put("s", caller.stationId());
        } else if (!caller.is(Roles.BUREAU)) {
            q.append(" and visitorId = :v");
            p.put("v", caller.subject());
        }
        return PlanItem.<PlanItem>list(q.append(" order by dueDate, elderId").toString(), p)
                .map(l -> l.stream().map(i -> PlanItemView.of(i, today)).toList());
    }

    @GET
    @Path("/statistics/visits")
    @RolesAllowed({Roles.BUREAU, Roles.OPERATOR})
    @WithSession
    @Operation(summary = "Visits done versus planned in a month, by visitor, community (area code) or station",
            description = "planned/done/overdue count plan items; visitsCompleted counts every completed visit, planned or not. An operator sees their station.")
    public Uni<List<StatRow>> statistics(@QueryParam("month") @NotBlank @Pattern(regexp = MONTH, message = "must be YYYY-MM") String month,
                                         @QueryParam("groupBy") @NotBlank @Pattern(regexp = "visitor|community|station",
                                                 message = "must be visitor, community or station") String groupBy) {
        Caller caller = Caller.of(identity);
        YearMonth ym = YearMonth.parse(month);
        String col = switch (groupBy) {
            case "visitor" -> "p.visitor_id";
            case "community" -> "p.area_code";
            default -> "p.station_id";
        };
        String visitCol = switch (groupBy) {
            case "visitor" -> "v.visitor_id";
            case "community" -> "e.area_code";
            default -> "e.station_id";
        };
        boolean scoped = stationScoped(caller);
        String plans = "select coalesce(" + col + ", '(unassigned)') k, count(*) planned,"
                + " count(*) filter (where p.status = 'DONE') done,"
                + " count(*) filter (where p.status = 'OPEN' and p.due_date < :today) overdue"
                + " from plan_item p where p.status <> 'CANCELLED' and p.period_start between :a and :b"
                + (scoped ? " and p.station_id = :s" : "") + " group by 1";
        String done = "select " + visitCol + " k, count(*) n from visit v join elder e on e.id = v.elder_id"
                + " where v.status = 'COMPLETED' and v.completed_at >= :from and v.completed_at < :to"
                + (scoped ? " and e.station_id = :s" : "") + " group by 1";
        LocalDate today = Planner.today();
        return Panache.getSession().chain(s -> {
            var pq = s.createNativeQuery(plans, Object[].class).setParameter("today", today)
                    .setParameter("a", ym.atDay(1)).setParameter("b", ym.atEndOfMonth());
            var dq = s.createNativeQuery(done, Object[].class)
                    .setParameter("from", ym.atDay(1).atStartOfDay(Planner.DISTRICT_ZONE).toOffsetDateTime())
                    .setParameter("to", ym.plusMonths(1).atDay(1).atStartOfDay(Planner.DISTRICT_ZONE).toOffsetDateTime());
            if (scoped) {
                pq.setParameter("s", caller.stationId());
                dq.setParameter("s", caller.stationId());
            }
            return pq.getResultList().chain(planRows -> dq.getResultList().map(doneRows -> {
                Map<String, long[]> by = new java.util.TreeMap<>();
                for (Object[] r : planRows) {
                    long[] a = by.computeIfAbsent((String) r[0], k -> new long[4]);
                    a[0] = ((Number) r[1]).longValue();
                    a[1] = ((Number) r[2]).longValue();
                    a[2] = ((Number) r[3]).longValue();
                }
                for (Object[] r : doneRows) {
                    by.computeIfAbsent((String) r[0], k -> new long[4])[3] = ((Number) r[1]).longValue();
                }
                return by.entrySet().stream().map(en -> new StatRow(en.getKey(), en.getValue()[0], en.getValue()[1],
                        en.getValue()[2], en.getValue()[3])).toList();
            }));
        });
    }

    private static boolean stationScoped(Caller caller) {
        return caller.is(Roles.OPERATOR) && !caller.is(Roles.BUREAU);
    }
}
