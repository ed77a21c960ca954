package org.eldercare.stationops.station;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eldercare.stationops.station.StationDtos.StarRequest;
import org.eldercare.stationops.station.StationDtos.StarView;
import org.eldercare.stationops.station.StationDtos.StationRequest;
import org.eldercare.stationops.station.StationDtos.StationView;
import org.eldercare.web.Caller;
import org.eldercare.web.ProblemException;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;

/** The bureau's registry of stations: who they are, urban or rural, stars, chain membership. */
@ApplicationScoped
public class StationService {

    @WithTransaction
    public Uni<StationView> create(StationRequest req, Caller caller) {
        StationAccess.requireBureau(caller);
        validateChain(req);
        return Station.<Station>findById(req.id()).flatMap(existing -> {
            if (existing != null) {
                throw ProblemException.conflict("Station '" + req.id() + "' already exists.");
            }
            Station s = new Station();
            s.id = req.id();
            s.createdAt = Instant.now();
            apply(s, req);
            return s.<Station>persist()
                    .flatMap(saved -> addRating(saved.id, req.stars() == null ? 0 : req.stars(), req.operatingSince(), caller))
                    .flatMap(r -> view(s));
        }).onFailure().transform(e -> org.eldercare.stationops.Conflicts.translate(e, "Station '" + req.id() + "' already exists."));
    }

    @WithTransaction
    public Uni<StationView> update(String id, StationRequest req, Caller caller) {
        StationAccess.requireBureau(caller);
        validateChain(req);
        if (!id.equals(req.id())) {
            throw ProblemException.badRequest("The body's id '" + req.id() + "' differs from the path's '" + id + "'.");
        }
        return require(id).flatMap(s -> {
            apply(s, req);
            return view(s);
        });
    }

    @WithTransaction
    public Uni<StationView> rate(String id, StarRequest req, Caller caller) {
        StationAccess.requireBureau(caller);
        return require(id).flatMap(s -> StarRating.<StarRating>find("stationId = ?1 and effectiveFrom = ?2", id, req.effectiveFrom())
                .<StarRating>firstResult()
                .flatMap(existing -> {
                    if (existing != null) {
                        existing.stars = req.stars();
                        existing.recordedAt = Instant.now();
                        existing.recordedBy = caller.subject();
                        return Uni.createFrom().item(existing);
                    }
                    return addRating(id, req.stars(), req.effectiveFrom(), caller);
                })
                .flatMap(r -> view(s)));
    }

    @WithSession
    public Uni<StationView> get(String id, Caller caller) {
        StationAccess.requireStation(caller, id);
        return require(id).flatMap(this::view);
    }

    @WithSession
    public Uni<List<StationView>> list(Caller caller) {
        Uni<List<Station>> found = caller.is(org.eldercare.web.Roles.BUREAU)
                ? Station.list("order by id")
                : Station.list("id = ?1", caller.stationId() == null ? "" : caller.stationId());
        return found.flatMap(list -> StarRating.<StarRating>list("order by effectiveFrom").map(all -> list.stream()
                .map(s -> toView(s, all.stream().filter(r -> r.stationId.equals(s.id)).toList())).toList()));
    }

    public Uni<StationView> view(Station s) {
        return StarRating.<StarRating>list("stationId = ?1 order by effectiveFrom", s.id).map(ratings -> toView(s, ratings));
    }

    private static StationView toView(Station s, List<StarRating> ratings) {
        List<StarView> history = ratings.stream().map(r -> new StarView(r.stars, r.effectiveFrom)).toList();
        int current = starsOn(ratings, org.eldercare.stationops.DistrictCalendar.today());
        return new StationView(s.id, s.name, s.district, s.areaType, current, s.chainOperator, s.chainJoinedOn,
                s.operatingSince, history);
    }

    /** Stars in force on {@code day}: the latest rating effective on or before it, 0 if none. */
    public static int starsOn(List<StarRating> ratings, LocalDate day) {
        return ratings.stream().filter(r -> !r.effectiveFrom.isAfter(day))
                .max(Comparator.comparing((StarRating r) -> r.effectiveFrom)).map(r -> r.stars).orElse(0);
    }

    public static Uni<Station> require(String id) {
        return Station.<Station>findById(id).map(s -> {
            if (s == null) {
                throw ProblemException.notFound("No station '" + id + "'.");
            }
            return s;
        });
    }

    private static Uni<StarRating> addRating(String stationId, int stars, LocalDate from, Caller caller) {
        StarRating r = new StarRating();
        r.id = UUID.randomUUID();
        r.stationId = stationId;
        r.stars = stars;
        r.effectiveFrom = from;
        r.recordedAt = Instant.now();
        r.recordedBy = caller.subject();
        return r.persist();
    }

    private static void apply(Station s, StationRequest req) {
        s.name = req.name();
        s.district = req.district();
        s.areaType = req.areaType();
        s.chainOperator = blankToNull(req.chainOperator());
        s.chainJoinedOn = req.chainJoinedOn();
        s.operatingSince = req.operatingSince();
        s.updatedAt = Instant.now();
    }

    private static void validateChain(StationRequest req) {
        if ((blankToNull(req.chainOperator()) == null) != (req.chainJoinedOn() == null)) {
            throw ProblemException.badRequest("chainOperator and chainJoinedOn go together: give both or neither.");
        }
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }
}
