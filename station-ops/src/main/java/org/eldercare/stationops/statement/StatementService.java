package org.eldercare.stationops.statement;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eldercare.stationops.Conflicts;
import org.eldercare.stationops.DistrictCalendar;
import org.eldercare.stationops.agreement.ServiceAgreement;
import org.eldercare.stationops.bedregistry.BedDaysSource;
import org.eldercare.stationops.care.ServiceRecord;
import org.eldercare.stationops.elder.ElderStatusRecord;
import org.eldercare.stationops.elder.InstitutionStayRecord;
import org.eldercare.stationops.meal.ServedMeal;
import org.eldercare.stationops.rules.SubsidyRuleSet;
import org.eldercare.stationops.station.StarRating;
import org.eldercare.stationops.station.Station;
import org.eldercare.stationops.station.StationAccess;
import org.eldercare.stationops.station.StationService;
import org.eldercare.stationops.subsidy.BedDays;
import org.eldercare.stationops.subsidy.ComputedStatement;
import org.eldercare.stationops.subsidy.Facts;
import org.eldercare.stationops.subsidy.StatementCalculator;
import org.eldercare.stationops.subsidy.StatementFlag;
import org.eldercare.stationops.subsidy.StatementInput;
import org.eldercare.stationops.subsidy.StatementLine;
import org.eldercare.web.Caller;
import org.eldercare.web.ProblemException;
import org.eldercare.web.Roles;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * Computes monthly statements from the records and the rules in force, and moves them through the
 * bureau's workflow. Approved statements are never recomputed: when records of an approved month
 * change later, the next statement carries the difference as an adjustment line.
 */
@ApplicationScoped
public class StatementService {

    /** How far back approved months are re-checked for late corrections. */
    static final int ADJUSTMENT_LOOKBACK_MONTHS = 12;
    /** How many approved months the sudden-jump check averages. */
    static final int JUMP_HISTORY_MONTHS = 3;
    private static final List<StatementStatus> COUNTED = List.of(StatementStatus.SUBMITTED, StatementStatus.APPROVED, StatementStatus.PAID);
    private static final List<StatementStatus> FROZEN = List.of(StatementStatus.APPROVED, StatementStatus.PAID);

    private final BedDaysSource bedDaysSource;
    private final ObjectMapper json;
    private final MeterRegistry metrics;
    private final StatementCalculator calculator = new StatementCalculator();

    public StatementService(BedDaysSource bedDaysSource, ObjectMapper json, MeterRegistry metrics) {
        this.bedDaysSource = bedDaysSource;
        this.json = json;
        this.metrics = metrics;
    }

    /** Creates the month's draft, or recomputes it while it is a draft or was rejected. */
    public Uni<StatementView> draft(String stationId, YearMonth month, Caller caller) {
        StationAccess.requireStation(caller, stationId);
        if (month.isAfter(YearMonth.from(DistrictCalendar.today()))) {
            throw ProblemException.badRequest("Month " + month + " has not begun.");
        }
        YearMonth from = month.minusMonths(ADJUSTMENT_LOOKBACK_MONTHS);
        Uni<List<SubsidyStatement>> earlier = Panache.withSession(() -> StationService.require(stationId)
                .invoke(s -> {
                    if (month.isBefore(YearMonth.from(s.operatingSince))) {
                        throw ProblemException.unprocessable("Station '" + stationId + "' operates since " + s.operatingSince
                                + ": there is no statement for " + month + ".");
                    }
                })
                .flatMap(s -> SubsidyStatement.<SubsidyStatement>find("stationId = ?1 and month = ?2", stationId, month.toString()).<SubsidyStatement>firstResult())
                .flatMap((SubsidyStatement existing) -> {
                    if (existing != null && existing.status != StatementStatus.DRAFT && existing.status != StatementStatus.REJECTED) {
                        throw ProblemException.conflict("The " + month + " statement is " + existing.status
                                + " and can no longer be recomputed; later corrections go into a later month as adjustments.");
                    }
                    return SubsidyStatement.<SubsidyStatement>list("stationId = ?1 and month >= ?2 and month < ?3 and status in ?4 order by month",
                            stationId, from.toString(), month.toString(), FROZEN);
                }));
        return earlier.flatMap(frozen -> {
            List<YearMonth> months = new ArrayList<>();
            months.add(month);
            frozen.forEach(f -> months.add(YearMonth.parse(f.month)));
            List<Uni<BedDays>> fetches = months.stream().map(m -> bedDaysSource.bedDays(stationId, m)).toList();
            return Uni.join().all(fetches).andCollectFailures().flatMap(bedDays -> {
                Map<YearMonth, BedDays> byMonth = new LinkedHashMap<>();
                for (int i = 0; i < months.size(); i++) {
                    byMonth.put(months.get(i), bedDays.get(i));
                }
                return Panache.withTransaction(() -> computeAndStore(stationId, month, frozen, byMonth, caller));
            });
        }).onFailure().transform(e -> Conflicts.translate(e, "The " + month + " statement of station '" + stationId
                + "' is being computed by another request; try again."));
    }

    private Uni<StatementView> computeAndStore(String stationId, YearMonth month, List<SubsidyStatement> frozen,
                                               Map<YearMonth, BedDays> bedDays, Caller caller) {
        List<StatementFlag> extraFlags = new ArrayList<>();
        return SubsidyStatement.<SubsidyStatement>find("stationId = ?1 and month = ?2", stationId, month.toString()).<SubsidyStatement>firstResult()
                .flatMap(existing -> gather(stationId, month, bedDays.get(month)).flatMap(current ->
                        previousTotals(stationId, month).flatMap(previous ->
                                adjustments(stationId, existing == null ? null : existing.id, frozen, bedDays, extraFlags)
                                        .flatMap(adjustments -> {
                                            StatementInput in = current.input();
                                            StatementInput full = new StatementInput(in.month(), in.station(), in.rules(), in.agreements(),
                                                    in.elderAgreements(), in.meals(), in.otherStationSubsidisedMeals(), in.services(),
                                                    in.statuses(), in.stays(), in.bedDays(), previous, adjustments);
                                            ComputedStatement computed = calculator.compute(full);
                                            List<StatementFlag> flags = new ArrayList<>(computed.flags());
                                            flags.addAll(extraFlags);
                                            return store(existing, stationId, month, current.ruleSet(), computed, flags, caller);
                                        }))));
    }

    private Uni<StatementView> store(SubsidyStatement existing, String stationId, YearMonth month, SubsidyRuleSet ruleSet,
                                     ComputedStatement computed, List<StatementFlag> flags, Caller caller) {
        SubsidyStatement s = existing != null ? existing : new SubsidyStatement();
        if (existing == null) {
            s.id = UUID.randomUUID();
            s.stationId = stationId;
            s.month = month.toString();
        }
        s.status = StatementStatus.DRAFT;
        s.ruleSetId = ruleSet.id;
        s.totalFen = computed.totalFen();
        s.monthFen = computed.monthFen();
        s.linesJson = write(computed.lines());
        s.flagsJson = write(flags);
        s.digest = sha256(s.ruleSetId + "\n" + s.linesJson + "\n" + s.flagsJson);
        s.computedAt = Instant.now();
        s.computedBy = caller.subject();
        s.submittedAt = null;
        s.submittedBy = null;
        // Flags raised per computation: a rising rate of one kind is worth a look across the district.
        flags.forEach(f -> metrics.counter("stationops.statement.flags", "code", f.code().name()).increment());
        Uni<SubsidyStatement> saved = existing != null ? Uni.createFrom().item(s) : s.persist();
        return saved.map(x -> StatementView.of(x, computed.lines(), flags));
    }

    record Gathered(SubsidyRuleSet ruleSet, StatementInput input) {
    }

    /** Reads every record the month's statement depends on, in one session, one query at a time. */
    Uni<Gathered> gather(String stationId, YearMonth month, BedDays bedDays) {
        var first = month.atDay(1);
        var last = month.atEndOfMonth();
        return StationService.require(stationId).flatMap(station -> StarRating.<StarRating>list("stationId", stationId)
                .flatMap(ratings -> SubsidyRuleSet.inForce(station.district, first)
                        .flatMap(ruleSet -> ServiceAgreement.<ServiceAgreement>list(
                                        "stationId = ?1 and startDate <= ?2 and (endDate is null or endDate >= ?3)", stationId, last, first)
                                .flatMap(agreements -> ServedMeal.<ServedMeal>list(
                                                "stationId = ?1 and serviceDate between ?2 and ?3 and voidedAt is null", stationId, first, last)
                                        .flatMap(meals -> ServiceRecord.<ServiceRecord>list(
                                                        "stationId = ?1 and serviceDate between ?2 and ?3 and voidedAt is null",
                                                        stationId, first, last)
                                                .flatMap(services -> {
                                                    Set<String> diners = new LinkedHashSet<>();
                                                    meals.forEach(m -> diners.add(m.elderId));
                                                    Set<String> elders = new LinkedHashSet<>(diners);
                                                    agreements.forEach(a -> elders.add(a.elderId));
                                                    services.forEach(r -> elders.add(r.elderId));
                                                    return elderFacts(stationId, List.copyOf(diners), List.copyOf(elders), first, last)
                                                            .map(f -> new Gathered(ruleSet, new StatementInput(month,
                                                                    stationFact(station, StationService.starsOn(ratings, first)),
                                                                    ruleSet.toRules(),
                                                                    agreements.stream().map(ServiceAgreement::toFact).toList(),
                                                                    f.elderAgreements(), meals.stream().map(ServedMeal::toFact).toList(),
                                                                    f.otherMeals(), services.stream().map(ServiceRecord::toFact).toList(),
                                                                    f.statuses(), withBedRegistryStays(f.stays(), bedDays), bedDays,
                                                                    List.of(), List.of())));
                                                }))))));
    }

    private record ElderFacts(List<Facts.Agreement> elderAgreements, List<Facts.MealServed> otherMeals,
                              List<Facts.ElderStatus> statuses, List<Facts.InstitutionStay> stays) {
    }

    private Uni<ElderFacts> elderFacts(String stationId, List<String> diners, List<String> elders,
                                       java.time.LocalDate first, java.time.LocalDate last) {
        Uni<List<ServiceAgreement>> dinerAgreements = diners.isEmpty() ? Uni.createFrom().item(List.of())
                : ServiceAgreement.list("elderId in ?1 and startDate <= ?2 and (endDate is null or endDate >= ?3)", diners, last, first);
        return dinerAgreements.flatMap(agreements -> (diners.isEmpty() ? Uni.createFrom().item(List.<ServedMeal>of())
                        : ServedMeal.<ServedMeal>list("elderId in ?1 and serviceDate between ?2 and ?3 and subsidyFen > 0 and stationId <> ?4"
                                + " and voidedAt is null",
                        diners, first, last, stationId))
                .flatMap(other -> (elders.isEmpty() ? Uni.createFrom().item(List.<ElderStatusRecord>of())
                        : ElderStatusRecord.<ElderStatusRecord>list("elderId in ?1", elders))
                        .flatMap(statuses -> (elders.isEmpty() ? Uni.createFrom().item(List.<InstitutionStayRecord>of())
                                : InstitutionStayRecord.<InstitutionStayRecord>list(
                                "elderId in ?1 and admittedOn <= ?2 and (dischargedOn is null or dischargedOn >= ?3)", elders, last, first))
                                .map(stays -> new ElderFacts(
                                        ((List<ServiceAgreement>) agreements).stream().map(ServiceAgreement::toFact).toList(),
                                        other.stream().map(ServedMeal::toFact).toList(),
                                        statuses.stream().map(ElderStatusRecord::toFact).toList(),
                                        stays.stream().map(InstitutionStayRecord::toFact).toList())))));
    }

    private static List<Facts.InstitutionStay> withBedRegistryStays(List<Facts.InstitutionStay> posted, BedDays bedDays) {
        if (!(bedDays instanceof BedDays.Known known) || known.institutionStays().isEmpty()) {
            return posted;
        }
        List<Facts.InstitutionStay> all = new ArrayList<>(posted);
        all.addAll(known.institutionStays());
        return all;
    }

    private static Facts.Station stationFact(Station s, int stars) {
        return new Facts.Station(s.id, s.name, s.district, s.areaType, stars, s.chainOperator, s.chainJoinedOn);
    }

    private Uni<List<Long>> previousTotals(String stationId, YearMonth month) {
        return SubsidyStatement.<SubsidyStatement>find("stationId = ?1 and month < ?2 and status in ?3 order by month desc",
                        stationId, month.toString(), FROZEN)
                .range(0, JUMP_HISTORY_MONTHS - 1).list()
                .map(l -> l.stream().map(s -> s.monthFen).toList());
    }

    /** For each approved earlier month: its records now, against what was approved and already adjusted. */
    private Uni<List<StatementInput.Adjustment>> adjustments(String stationId, UUID currentId, List<SubsidyStatement> frozen,
                                                             Map<YearMonth, BedDays> bedDays, List<StatementFlag> extraFlags) {
        if (frozen.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        return SubsidyStatement.<SubsidyStatement>list("stationId = ?1 and status in ?2", stationId, COUNTED).flatMap(counted -> {
            Uni<List<StatementInput.Adjustment>> chain = Uni.createFrom().item(new ArrayList<>());
            for (SubsidyStatement earlier : frozen) {
                YearMonth m = YearMonth.parse(earlier.month);
                BedDays bd = bedDays.get(m);
                if (bd instanceof BedDays.Unavailable u) {
                    extraFlags.add(new StatementFlag(StatementFlag.Code.RESPITE_DATA_MISSING, "Late corrections of " + m
                            + " were not checked: bed-registry could not be read (" + u.reason() + ").", null,
                            List.of("statement:" + earlier.id)));
                    continue;
                }
                long already = counted.stream().filter(c -> !c.id.equals(currentId) && !c.id.equals(earlier.id))
                        .mapToLong(c -> adjustedFor(c, earlier.id)).sum();
                chain = chain.flatMap(list -> gather(stationId, m, bd).map(g -> {
                    long recomputed = calculator.compute(g.input()).monthFen();
                    list.add(new StatementInput.Adjustment(earlier.month, earlier.id.toString(), earlier.monthFen, recomputed, already));
                    return list;
                }));
            }
            return chain;
        });
    }

    private long adjustedFor(SubsidyStatement s, UUID earlierId) {
        String ref = "statement:" + earlierId;
        return readLines(s).stream().filter(l -> l.code() == StatementLine.LineCode.ADJUSTMENT)
                .flatMap(l -> l.items().stream()).filter(i -> ref.equals(i.ref())).mapToLong(StatementLine.Item::amountFen).sum();
    }

    // ---- workflow ------------------------------------------------------------------------------

    public Uni<StatementView> submit(UUID id, Caller caller) {
        return transition(id, caller, StatementStatus.DRAFT, "submitted", s -> {
            YearMonth m = YearMonth.parse(s.month);
            if (!m.isBefore(YearMonth.from(DistrictCalendar.today()))) {
                throw ProblemException.conflict("The " + m + " statement can be submitted once the month is over.");
            }
            s.status = StatementStatus.SUBMITTED;
            s.submittedAt = Instant.now();
            s.submittedBy = caller.subject();
        });
    }

    public Uni<StatementView> approve(UUID id, Caller caller) {
        StationAccess.requireBureau(caller);
        return transition(id, caller, StatementStatus.SUBMITTED, "approved", s -> {
            s.status = StatementStatus.APPROVED;
            s.decidedAt = Instant.now();
            s.decidedBy = caller.subject();
            s.rejectionReason = null;
        });
    }

    public Uni<StatementView> reject(UUID id, String reason, Caller caller) {
        StationAccess.requireBureau(caller);
        return transition(id, caller, StatementStatus.SUBMITTED, "rejected", s -> {
            s.status = StatementStatus.REJECTED;
            s.decidedAt = Instant.now();
            s.decidedBy = caller.subject();
            s.rejectionReason = reason;
        });
    }

    public Uni<StatementView> pay(UUID id, String paymentRef, Caller caller) {
        StationAccess.requireBureau(caller);
        return transition(id, caller, StatementStatus.APPROVED, "marked paid", s -> {
            s.status = StatementStatus.PAID;
            s.paidAt = Instant.now();
            s.paidBy = caller.subject();
            s.paymentRef = paymentRef;
        });
    }

    /** One workflow step in its own transaction: the statement must be in {@code from}; a concurrent change is a 409. */
    private Uni<StatementView> transition(UUID id, Caller caller, StatementStatus from, String verb, Consumer<SubsidyStatement> step) {
        return Panache.withTransaction(() -> require(id, caller).map(s -> {
            expect(s, from, verb);
            step.accept(s);
            return view(s);
        })).onFailure().transform(e -> Conflicts.translate(e, "The statement changed meanwhile."));
    }

    public Uni<StatementView> get(UUID id, Caller caller) {
        return Panache.withSession(() -> require(id, caller).map(this::view));
    }

    public Uni<List<StatementView.Summary>> ofStation(String stationId, Caller caller) {
        StationAccess.requireStation(caller, stationId);
        return Panache.withSession(() -> SubsidyStatement.<SubsidyStatement>list("stationId = ?1 order by month desc", stationId))
                .map(l -> l.stream().map(this::summary).toList());
    }

    public Uni<List<StatementView.Summary>> byStatus(StatementStatus status, Caller caller) {
        StationAccess.requireBureau(caller);
        return Panache.withSession(() -> status == null
                        ? SubsidyStatement.<SubsidyStatement>list("order by month desc, stationId")
                        : SubsidyStatement.<SubsidyStatement>list("status = ?1 order by month, stationId", status))
                .map(l -> l.stream().map(this::summary).toList());
    }

    private StatementView.Summary summary(SubsidyStatement s) {
        return new StatementView.Summary(s.id, s.stationId, s.month, s.status, s.totalFen,
                org.eldercare.stationops.subsidy.Money.yuan(s.totalFen), readFlags(s).size(), s.computedAt);
    }

    private static Uni<SubsidyStatement> require(UUID id, Caller caller) {
        return SubsidyStatement.<SubsidyStatement>findById(id).map(s -> {
            if (s == null) {
                throw ProblemException.notFound("No statement " + id + ".");
            }
            if (!caller.is(Roles.BUREAU)) {
                StationAccess.requireStation(caller, s.stationId);
            }
            return s;
        });
    }

    private static void expect(SubsidyStatement s, StatementStatus required, String action) {
        if (s.status != required) {
            throw ProblemException.conflict("The statement is " + s.status + "; only a " + required + " statement can be " + action + ".");
        }
    }

    StatementView view(SubsidyStatement s) {
        return StatementView.of(s, readLines(s), readFlags(s));
    }

    List<StatementLine> readLines(SubsidyStatement s) {
        try {
            return json.readValue(s.linesJson, new TypeReference<List<StatementLine>>() {
            });
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("statement " + s.id + " has unreadable lines", e);
        }
    }

    List<StatementFlag> readFlags(SubsidyStatement s) {
        try {
            return json.readValue(s.flagsJson, new TypeReference<List<StatementFlag>>() {
            });
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("statement " + s.id + " has unreadable flags", e);
        }
    }

    private String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise a statement", e);
        }
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
