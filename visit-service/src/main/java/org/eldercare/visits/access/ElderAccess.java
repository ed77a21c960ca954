package org.eldercare.visits.access;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eldercare.visits.circle.Assignment;
import org.eldercare.visits.elder.Elder;
import org.eldercare.visits.elder.FamilyContact;
import org.eldercare.web.Caller;
import org.eldercare.web.ProblemException;
import org.eldercare.web.Roles;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Who may see and change which elder, decided from the verified token only: the bureau and platform
 * services everything; an operator their station's elders; a visitor the elders assigned to them or
 * in an alert dispatched to them (while the grant lasts); a family member their own elder.
 */
@ApplicationScoped
public class ElderAccess {

    /** Loads the elder the caller may read, or answers 404 / 403. */
    public Uni<Elder> readable(Caller caller, String elderId) {
        return Elder.<Elder>findById(elderId)
                .onItem().ifNull().failWith(() -> ProblemException.notFound("No elder " + elderId + "."))
                .call(e -> canRead(caller, e).invoke(ok -> {
                    if (!ok) {
                        throw ProblemException.forbidden("Elder " + elderId + " is not in your care.");
                    }
                }));
    }

    /** Loads the elder the caller may manage (bureau, or the operator of the elder's station). */
    public Uni<Elder> manageable(Caller caller, String elderId) {
        return Elder.<Elder>findById(elderId)
                .onItem().ifNull().failWith(() -> ProblemException.notFound("No elder " + elderId + "."))
                .invoke(e -> {
                    if (!canManage(caller, e.stationId)) {
                        throw ProblemException.forbidden("Elder " + elderId + " is served by another station.");
                    }
                });
    }

    public static boolean canManage(Caller caller, String stationId) {
        return caller.is(Roles.BUREAU) || caller.is(Roles.OPERATOR) && stationId.equals(caller.stationId());
    }

    public Uni<Boolean> canRead(Caller caller, Elder e) {
        if (caller.is(Roles.BUREAU) || caller.is(Roles.SERVICE) || canManage(caller, e.stationId)) {
            return Uni.createFrom().item(true);
        }
        Uni<Boolean> byVisit = caller.is(Roles.VISITOR) ? visitorSees(caller.subject(), e.id) : Uni.createFrom().item(false);
        return byVisit.chain(ok -> ok || !caller.is(Roles.FAMILY) ? Uni.createFrom().item(ok)
                : FamilyContact.count("elderId = ?1 and userId = ?2", e.id, caller.subject()).map(n -> n > 0));
    }

    public Uni<Boolean> visitorSees(String visitorId, String elderId) {
        return Assignment.count("elderId = ?1 and visitorId = ?2", elderId, visitorId)
                .chain(n -> n > 0 ? Uni.createFrom().item(true)
                        : DispatchGrant.count("elderId = ?1 and visitorId = ?2 and until > ?3", elderId, visitorId, Instant.now())
                        .map(g -> g > 0));
    }

    /** The ids of the elders a visitor may see now: assigned, or in a live dispatch grant. */
    public Uni<Set<String>> visibleToVisitor(String visitorId) {
        return Assignment.<Assignment>list("visitorId", visitorId)
                .chain(as -> DispatchGrant.<DispatchGrant>list("visitorId = ?1 and until > ?2", visitorId, Instant.now())
                        .map(gs -> {
                            Set<String> ids = new TreeSet<>();
                            as.forEach(a -> ids.add(a.elderId));
                            gs.forEach(g -> ids.add(g.elderId));
                            return ids;
                        }));
    }

    public Uni<List<String>> familyElders(String userId) {
        return FamilyContact.<FamilyContact>list("userId", userId).map(fs -> fs.stream().map(f -> f.elderId).distinct().toList());
    }
}
