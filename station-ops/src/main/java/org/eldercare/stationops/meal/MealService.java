package org.eldercare.stationops.meal;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eldercare.stationops.DistrictCalendar;
import org.eldercare.stationops.agreement.ServiceAgreement;
import org.eldercare.stationops.elder.ElderCard;
import org.eldercare.stationops.elder.ElderStatusRecord;
import org.eldercare.stationops.meal.MealDtos.BookingRequest;
import org.eldercare.stationops.meal.MealDtos.BookingView;
import org.eldercare.stationops.meal.MealDtos.DailyCounts;
import org.eldercare.stationops.meal.MealDtos.MealCount;
import org.eldercare.stationops.meal.MealDtos.MenuItemRequest;
import org.eldercare.stationops.meal.MealDtos.MenuItemView;
import org.eldercare.stationops.meal.MealDtos.ServeRequest;
import org.eldercare.stationops.meal.MealDtos.ServedView;
import org.eldercare.stationops.rules.SubsidyRuleSet;
import org.eldercare.stationops.station.Station;
import org.eldercare.stationops.station.StationService;
import org.eldercare.stationops.subsidy.Facts;
import org.eldercare.web.ProblemException;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

/** Menus, bookings and the counter of a station's meal table (老年餐桌 / 助餐点). */
@ApplicationScoped
public class MealService {

    /** A counter clock a little ahead is tolerated; meals "served" further in the future are refused. */
    private static final Duration FUTURE_TOLERANCE = Duration.ofMinutes(10);

    private final MeterRegistry metrics;

    public MealService(MeterRegistry metrics) {
        this.metrics = metrics;
    }

    @WithTransaction
    public Uni<MenuItemView> addMenuItem(String stationId, MenuItemRequest req) {
        return StationService.require(stationId).flatMap(s -> {
            MenuItem m = new MenuItem();
            m.id = UUID.randomUUID();
            m.stationId = stationId;
            m.menuDate = req.date();
            m.meal = req.meal();
            m.name = req.name();
            m.priceFen = req.priceFen();
            m.dietaryTags = join(req.dietaryTags());
            m.createdAt = Instant.now();
            return m.<MenuItem>persist();
        }).map(MealService::view);
    }

    @WithSession
    public Uni<List<MenuItemView>> menu(String stationId, LocalDate from, LocalDate to) {
        return MenuItem.<MenuItem>list("stationId = ?1 and menuDate between ?2 and ?3 order by menuDate, meal, name",
                stationId, from, to).map(l -> l.stream().map(MealService::view).toList());
    }

    @WithTransaction
    public Uni<BookingView> book(String stationId, BookingRequest req, String by) {
        return StationService.require(stationId)
                .flatMap(s -> req.menuItemId() == null ? Uni.createFrom().nullItem() : requireMenuItem(stationId, req.menuItemId()))
                .flatMap(item -> {
                    if (item != null && (!item.menuDate.equals(req.date()) || item.meal != req.meal())) {
                        throw ProblemException.badRequest("Menu item " + item.id + " is on the menu for " + item.menuDate + " "
                                + item.meal + ", not " + req.date() + " " + req.meal() + ".");
                    }
                    MealBooking b = new MealBooking();
                    b.id = UUID.randomUUID();
                    b.stationId = stationId;
                    b.elderId = req.elderId();
                    b.menuDate = req.date();
                    b.meal = req.meal();
                    b.menuItemId = req.menuItemId();
                    b.mode = req.mode();
                    b.dietaryNeeds = join(req.dietaryNeeds());
                    b.status = BookingStatus.BOOKED;
                    b.createdAt = Instant.now();
                    b.createdBy = by;
                    return b.<MealBooking>persist();
                }).map(MealService::view);
    }

    @WithTransaction
    public Uni<BookingView> cancel(String stationId, UUID bookingId) {
        return MealBooking.<MealBooking>findById(bookingId).map(b -> {
            if (b == null || !b.stationId.equals(stationId)) {
                throw ProblemException.notFound("No booking " + bookingId + " at station '" + stationId + "'.");
            }
            if (b.status == BookingStatus.SERVED) {
                throw ProblemException.conflict("Booking " + bookingId + " was already served.");
            }
            b.status = BookingStatus.CANCELLED;
            return view(b);
        });
    }

    @WithSession
    public Uni<List<BookingView>> bookings(String stationId, LocalDate date) {
        return MealBooking.<MealBooking>list("stationId = ?1 and menuDate = ?2 order by meal, elderId", stationId, date)
                .map(l -> l.stream().map(MealService::view).toList());
    }

    /** The counter: one call per meal handed over. */
    @WithTransaction
    public Uni<ServedView> serve(String stationId, ServeRequest req, String by) {
        if ((req.elderId() == null || req.elderId().isBlank()) == (req.cardNo() == null || req.cardNo().isBlank())) {
            throw ProblemException.badRequest("Identify the elder by exactly one of elderId or cardNo.");
        }
        if (req.menuItemId() == null && (req.meal() == null || req.priceFen() == null)) {
            throw ProblemException.badRequest("Give a menuItemId, or the meal and its priceFen.");
        }
        Instant now = Instant.now();
        Instant servedAt = req.servedAt() == null ? now : req.servedAt();
        if (servedAt.isAfter(now.plus(FUTURE_TOLERANCE))) {
            throw ProblemException.badRequest("servedAt " + servedAt + " is in the future.");
        }
        if (req.offlineSubsidyFen() != null && req.servedAt() == null) {
            throw ProblemException.badRequest("offlineSubsidyFen is for meals recorded offline: give their servedAt too.");
        }
        LocalDate day = DistrictCalendar.dayOf(servedAt);
        ServedMeal m = new ServedMeal();
        m.id = UUID.randomUUID();
        m.stationId = stationId;
        m.serviceDate = day;
        m.servedAt = servedAt;
        m.recordedAt = now;
        m.recordedBy = by;
        m.bookingId = req.bookingId();
        m.cardNo = blankToNull(req.cardNo());
        String[] reason = new String[1];
        return StationService.require(stationId)
                .flatMap(station -> resolveElder(req).invoke(elder -> m.elderId = elder)
                        .flatMap(elder -> req.menuItemId() == null ? Uni.createFrom().nullItem() : requireMenuItem(stationId, req.menuItemId()))
                        .invoke(item -> {
                            m.menuItemId = item == null ? null : item.id;
                            m.meal = item == null ? req.meal() : item.meal;
                            m.priceFen = item == null ? req.priceFen() : item.priceFen;
                            if (item != null && req.meal() != null && req.meal() != item.meal) {
                                throw ProblemException.badRequest("Menu item " + item.id + " is a " + item.meal + ", not a " + req.meal() + ".");
                            }
                        })
                        .flatMap(item -> matchBooking(m))
                        .flatMap(booking -> {
                            m.mode = booking == null ? MealMode.DINE_IN : booking.mode;
                            m.bookingId = booking == null ? null : booking.id;
                            if (booking != null) {
                                booking.status = BookingStatus.SERVED;
                            }
                            return decideSubsidy(station, m, req, reason);
                        }))
                .flatMap(x -> m.<ServedMeal>persist())
                .invoke(saved -> metrics.counter("stationops.meals.served", "subsidised", String.valueOf(saved.subsidyFen > 0),
                        "offline", String.valueOf(saved.offline)).increment())
                .map(saved -> view(saved, reason[0]));
    }

    /** A meal recorded by mistake (a double scan, the wrong elder) is voided with a reason, never deleted. */
    @WithTransaction
    public Uni<ServedView> voidMeal(String stationId, UUID mealId, String reason, String by) {
        return ServedMeal.<ServedMeal>findById(mealId).map(m -> {
            if (m == null || !m.stationId.equals(stationId)) {
                throw ProblemException.notFound("No meal " + mealId + " at station '" + stationId + "'.");
            }
            if (m.voidedAt != null) {
                throw ProblemException.conflict("Meal " + mealId + " was already voided on " + m.voidedAt + ".");
            }
            m.voidedAt = Instant.now();
            m.voidedBy = by;
            m.voidReason = reason;
            return view(m, null);
        });
    }

    @WithSession
    public Uni<List<ServedView>> served(String stationId, LocalDate date) {
        return ServedMeal.<ServedMeal>list("stationId = ?1 and serviceDate = ?2 order by servedAt", stationId, date)
                .map(l -> l.stream().map(s -> view(s, null)).toList());
    }

    @WithSession
    public Uni<DailyCounts> counts(String stationId, LocalDate date) {
        return StationService.require(stationId)
                .flatMap(s -> MealBooking.<MealBooking>list("stationId = ?1 and menuDate = ?2", stationId, date))
                .flatMap(bookings -> ServedMeal.<ServedMeal>list("stationId = ?1 and serviceDate = ?2 and voidedAt is null", stationId, date)
                        .map(served -> count(stationId, date, bookings, served)));
    }

    static DailyCounts count(String stationId, LocalDate date, List<MealBooking> bookings, List<ServedMeal> served) {
        Map<Facts.Meal, MealCount> byMeal = new EnumMap<>(Facts.Meal.class);
        for (Facts.Meal meal : Facts.Meal.values()) {
            List<MealBooking> b = bookings.stream().filter(x -> x.meal == meal).toList();
            List<ServedMeal> s = served.stream().filter(x -> x.meal == meal).toList();
            if (b.isEmpty() && s.isEmpty()) {
                continue;
            }
            Map<MealMode, Long> byMode = new EnumMap<>(MealMode.class);
            for (MealMode mode : MealMode.values()) {
                byMode.put(mode, s.stream().filter(x -> x.mode == mode).count());
            }
            byMeal.put(meal, new MealCount(
                    b.stream().filter(x -> x.status != BookingStatus.CANCELLED).count(),
                    b.stream().filter(x -> x.status == BookingStatus.CANCELLED).count(),
                    s.size(), s.stream().filter(x -> x.subsidyFen > 0).count(), byMode,
                    s.stream().mapToLong(x -> x.priceFen).sum(), s.stream().mapToLong(x -> x.subsidyFen).sum(),
                    s.stream().mapToLong(x -> x.elderPaysFen).sum()));
        }
        return new DailyCounts(stationId, date, byMeal, served.stream().map(x -> x.elderId).distinct().count(), served.size(),
                served.stream().mapToLong(x -> x.priceFen).sum(), served.stream().mapToLong(x -> x.subsidyFen).sum(),
                served.stream().mapToLong(x -> x.elderPaysFen).sum());
    }

    private Uni<String> resolveElder(ServeRequest req) {
        if (req.elderId() != null && !req.elderId().isBlank()) {
            return Uni.createFrom().item(req.elderId().trim());
        }
        return ElderCard.<ElderCard>findById(req.cardNo().trim()).map(c -> {
            if (c == null) {
                throw ProblemException.unprocessable("Card '" + req.cardNo() + "' is not registered to any elder.");
            }
            return c.elderId;
        });
    }

    private Uni<MealBooking> matchBooking(ServedMeal m) {
        if (m.bookingId != null) {
            return MealBooking.<MealBooking>findById(m.bookingId).map(b -> {
                if (b == null || !b.stationId.equals(m.stationId) || !b.elderId.equals(m.elderId)) {
                    throw ProblemException.unprocessable("Booking " + m.bookingId + " is not this elder's booking at this station.");
                }
                if (b.status != BookingStatus.BOOKED) {
                    throw ProblemException.conflict("Booking " + m.bookingId + " is " + b.status + ".");
                }
                return b;
            });
        }
        return MealBooking.<MealBooking>find("stationId = ?1 and elderId = ?2 and menuDate = ?3 and meal = ?4 and status = ?5",
                m.stationId, m.elderId, m.serviceDate, m.meal, BookingStatus.BOOKED).<MealBooking>firstResult();
    }

    private Uni<Void> decideSubsidy(Station station, ServedMeal m, ServeRequest req, String[] reason) {
        if (req.offlineSubsidyFen() != null) {
            if (req.offlineSubsidyFen() > m.priceFen) {
                throw ProblemException.badRequest("offlineSubsidyFen is more than the meal's price.");
            }
            m.offline = true;
            m.subsidyFen = req.offlineSubsidyFen();
            m.elderPaysFen = m.priceFen - m.subsidyFen;
            reason[0] = "recorded as deducted by an offline counter";
            return Uni.createFrom().voidItem();
        }
        return SubsidyRuleSet.inForce(station.district, m.serviceDate)
                .flatMap(rules -> ServiceAgreement.count("elderId = ?1 and startDate <= ?2 and (endDate is null or endDate >= ?2)",
                                m.elderId, m.serviceDate)
                        .flatMap(signed -> ElderStatusRecord.<ElderStatusRecord>list("elderId", m.elderId)
                                .flatMap(statuses -> ServedMeal.count("elderId = ?1 and serviceDate = ?2 and subsidyFen > 0 and voidedAt is null",
                                                m.elderId, m.serviceDate)
                                        .map(already -> {
                                            boolean servable = statuses.stream()
                                                    .noneMatch(s -> m.serviceDate.isAfter(s.toFact().lastServableDay()));
                                            CounterPricing.Decision d = CounterPricing.decide(rules.toRules(), m.meal, m.priceFen,
                                                    signed > 0, servable, already > 0);
                                            m.subsidyFen = d.subsidyFen();
                                            m.elderPaysFen = d.elderPaysFen();
                                            reason[0] = d.reason();
                                            return null;
                                        }))));
    }

    private static Uni<MenuItem> requireMenuItem(String stationId, UUID id) {
        return MenuItem.<MenuItem>findById(id).map(item -> {
            if (item == null || !item.stationId.equals(stationId)) {
                throw ProblemException.unprocessable("Menu item " + id + " is not on this station's menu.");
            }
            return item;
        });
    }

    static MenuItemView view(MenuItem m) {
        return new MenuItemView(m.id, m.stationId, m.menuDate, m.meal, m.name, m.priceFen, split(m.dietaryTags));
    }

    static BookingView view(MealBooking b) {
        return new BookingView(b.id, b.stationId, b.elderId, b.menuDate, b.meal, b.menuItemId, b.mode, split(b.dietaryNeeds), b.status);
    }

    static ServedView view(ServedMeal s, String reason) {
        return new ServedView(s.id, s.stationId, s.elderId, s.serviceDate, s.meal, s.menuItemId, s.bookingId, s.mode, s.priceFen,
                s.subsidyFen, s.elderPaysFen, s.servedAt, s.offline, reason, s.voidedAt, s.voidReason);
    }

    private static String join(List<String> values) {
        return values == null ? "" : values.stream().map(String::trim).filter(v -> !v.isEmpty()).distinct().sorted()
                .collect(Collectors.joining(","));
    }

    private static List<String> split(String joined) {
        return joined == null || joined.isBlank() ? List.of() : Arrays.asList(joined.split(","));
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }
}
