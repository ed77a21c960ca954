package org.eldercare.visits.visit;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eldercare.contracts.GeoPoint;
import org.eldercare.visits.access.DispatchGrant;
import org.eldercare.visits.elder.Elder;
import org.eldercare.visits.elder.RiskLevel;
import org.eldercare.visits.plan.PlanItem;
import org.eldercare.visits.plan.Planner;
import org.eldercare.visits.circle.Assignment;
import org.eldercare.web.Caller;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/** A visitor's day: who is due, in what order. */
@ApplicationScoped
public class TodayService {

    @WithSession
    public Uni<List<VisitApi.TodayItem>> today(Caller caller, Double lat, Double lon) {
        String me = caller.subject();
        LocalDate day = Planner.today();
        return Assignment.<Assignment>list("visitorId", me).chain(assigned -> DispatchGrant
                .<DispatchGrant>list("visitorId = ?1 and until > ?2 order by createdAt", me, Instant.now())
                .chain(grants -> {
                    Map<String, DispatchGrant> grantBy = new HashMap<>();
                    grants.forEach(g -> grantBy.putIfAbsent(g.elderId, g));
                    List<String> ids = new ArrayList<>(grantBy.keySet());
                    assigned.forEach(a -> ids.add(a.elderId));
                    if (ids.isEmpty()) {
                        return Uni.createFrom().item(List.<VisitApi.TodayItem>of());
                    }
                    return Elder.<Elder>list("id in ?1 and active = true", ids).chain(elders -> PlanItem
                            .<PlanItem>list("elderId in ?1 and status = ?2 and periodStart <= ?3 order by dueDate", ids, Planner.OPEN, day)
                            .map(items -> {
                                Map<String, PlanItem> due = new HashMap<>();
                                items.forEach(i -> due.putIfAbsent(i.elderId, i));
                                Map<String, Elder> byId = elders.stream().collect(Collectors.toMap(e -> e.id, Function.identity()));
                                List<RoutePlanner.Stop> stops = new ArrayList<>();
                                for (Elder e : elders) {
                                    PlanItem item = due.get(e.id);
                                    if (!grantBy.containsKey(e.id) && item == null) {
                                        continue;
                                    }
                                    int tier = grantBy.containsKey(e.id) ? 0
                                            : item.dueDate.isBefore(day) ? 1
                                            : RiskLevel.HIGH.name().equals(e.riskLevel) ? 2 : 3;
                                    stops.add(new RoutePlanner.Stop(e.id, tier, e.homeLat, e.homeLon));
                                }
                                return RoutePlanner.order(stops, lat, lon).stream().map(leg -> {
                                    Elder e = byId.get(leg.stop().elderId());
                                    PlanItem item = due.get(e.id);
                                    DispatchGrant g = grantBy.get(e.id);
                                    return new VisitApi.TodayItem(leg.order(), e.id, e.name, e.address,
                                            new GeoPoint(e.homeLat, e.homeLon, null), RiskLevel.valueOf(e.riskLevel),
                                            List.copyOf(e.categories()), g != null ? "DISPATCHED" : "ASSIGNED",
                                            g != null ? g.alertId : null, item == null ? null : item.dueDate,
                                            item != null && item.dueDate.isBefore(day), item == null ? null : item.phoneAllowed,
                                            leg.distanceMeters());
                                }).toList();
                            }));
                }));
    }
}
