package org.eldercare.stationops.subsidy;

import org.eldercare.stationops.subsidy.Facts.Agreement;
import org.eldercare.stationops.subsidy.Facts.ElderStatus;
import org.eldercare.stationops.subsidy.Facts.ElderStatusKind;
import org.eldercare.stationops.subsidy.Facts.MealServed;
import org.eldercare.stationops.subsidy.StatementFlag.Code;
import org.eldercare.stationops.subsidy.StatementLine.Item;
import org.eldercare.stationops.subsidy.StatementLine.LineCode;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Computes a station's monthly subsidy statement from its records and the rules in force. Pure and
 * deterministic: the same input always gives the same lines in the same order, and all money is
 * integer fen. The month-boundary rules are documented in docs/services/station-ops.md.
 */
public final class StatementCalculator {

    private static final Comparator<MealServed> MEAL_ORDER = Comparator.comparing(MealServed::serviceDate)
            .thenComparing(MealServed::servedAt).thenComparing(MealServed::id);

    public ComputedStatement compute(StatementInput in) {
        List<StatementLine> lines = new ArrayList<>();
        List<StatementFlag> flags = new ArrayList<>();
        lines.add(basic(in));
        star(in).ifPresent(lines::add);
        chain(in).ifPresent(lines::add);
        List<MealServed> subsidised = in.meals().stream().filter(MealServed::subsidised).sorted(MEAL_ORDER).toList();
        if (!subsidised.isEmpty()) {
            lines.add(mealAssistance(subsidised));
            lines.add(mealOperating(in.rules(), subsidised));
        }
        respite(in, flags).ifPresent(lines::add);
        adjustments(in).ifPresent(lines::add);

        flags.addAll(ineligibleMeals(in, subsidised));
        flags.addAll(duplicateMeals(in, subsidised));
        flags.addAll(servedWhenUnservable(in));
        ComputedStatement draft = new ComputedStatement(lines, List.of());
        jump(in, draft.monthFen()).ifPresent(flags::add);
        flags.sort(Comparator.comparing((StatementFlag f) -> f.code().ordinal())
                .thenComparing(f -> f.elderId() == null ? "" : f.elderId())
                .thenComparing(f -> String.join(",", f.refs())));
        return new ComputedStatement(lines, flags);
    }

    // ---- basic subsidy -------------------------------------------------------------------------

    /** Days of the month each elder's agreements at this station are in force, capped by death or moving away. */
    static Map<String, ElderDays> signedDays(StatementInput in) {
        YearMonth month = in.month();
        Map<String, LocalDate> lastServable = lastServableDays(in.statuses());
        Map<String, ElderDays> byElder = new TreeMap<>();
        for (Agreement a : in.agreements().stream().sorted(Comparator.comparing(Agreement::id)).toList()) {
            LocalDate cap = lastServable.get(a.elderId());
            ElderDays ed = byElder.computeIfAbsent(a.elderId(), e -> new ElderDays(new TreeSet<>(), new TreeSet<>()));
            boolean counted = false;
            for (LocalDate d = month.atDay(1); !d.isAfter(month.atEndOfMonth()); d = d.plusDays(1)) {
                if (a.inForceOn(d) && (cap == null || !d.isAfter(cap))) {
                    ed.days().add(d);
                    counted = true;
                }
            }
            if (counted) {
                ed.agreementIds().add(a.id());
            }
        }
        byElder.values().removeIf(ed -> ed.days().isEmpty());
        return byElder;
    }

    record ElderDays(TreeSet<LocalDate> days, TreeSet<String> agreementIds) {
    }

    private static Map<String, LocalDate> lastServableDays(List<ElderStatus> statuses) {
        Map<String, LocalDate> out = new TreeMap<>();
        for (ElderStatus s : statuses) {
            out.merge(s.elderId(), s.lastServableDay(), (x, y) -> x.isBefore(y) ? x : y);
        }
        return out;
    }

    private StatementLine basic(StatementInput in) {
        SubsidyRules r = in.rules();
        int dim = in.month().lengthOfMonth();
        Map<String, ElderDays> signed = signedDays(in);
        List<Item> perElder = new ArrayList<>();
        long totalDays = 0;
        for (Map.Entry<String, ElderDays> e : signed.entrySet()) {
            int days = e.getValue().days().size();
            totalDays += days;
            perElder.add(new Item(refs("agreement", e.getValue().agreementIds()), e.getKey(),
                    days + "/" + dim + " days signed", days, prorate(r.basicPerElderFen(), days, dim)));
        }
        boolean rural = in.station().areaType() == Facts.AreaType.RURAL;
        if (rural && totalDays < (long) r.ruralThresholdElders() * dim) {
            List<Item> items = new ArrayList<>();
            for (Item i : perElder) {
                items.add(new Item(i.ref(), i.elderId(), i.note() + ", counted toward the rural threshold", i.quantity(), 0));
            }
            items.add(new Item("rules:rural-flat", null, String.format("%d elder-days < %d elders x %d days",
                    totalDays, r.ruralThresholdElders(), dim), 1, r.ruralFlatFen()));
            return new StatementLine(LineCode.BASIC, "Basic subsidy, rural flat rate (below "
                    + r.ruralThresholdElders() + " signed elders)", 1, "month", r.ruralFlatFen(), r.ruralFlatFen(), items);
        }
        long amount = perElder.stream().mapToLong(Item::amountFen).sum();
        return new StatementLine(LineCode.BASIC, "Basic subsidy per signed elder" + (rural ? " (rural, at or above "
                + r.ruralThresholdElders() + " signed elders)" : ""), perElder.size(), "elder", r.basicPerElderFen(), amount, perElder);
    }

    /** {@code monthly * days / daysInMonth}, rounded half up to the fen. */
    static long prorate(long monthlyFen, int days, int daysInMonth) {
        if (days == daysInMonth) {
            return monthlyFen;
        }
        return Math.floorDiv(2 * monthlyFen * days + daysInMonth, 2L * daysInMonth);
    }

    // ---- star and chain ------------------------------------------------------------------------

    private Optional<StatementLine> star(StatementInput in) {
        int stars = in.station().stars();
        long amount = stars >= 3 ? in.rules().star3PlusFen() : stars == 2 ? in.rules().star2Fen() : 0;
        if (amount == 0) {
            return Optional.empty();
        }
        return Optional.of(new StatementLine(LineCode.STAR, "Star subsidy (" + stars + " stars)", 1, "month", amount, amount,
                List.of(new Item("station:" + in.station().id(), null, stars + " stars on " + in.month().atDay(1), 1, amount))));
    }

    private Optional<StatementLine> chain(StatementInput in) {
        LocalDate joined = in.station().chainJoinedOn();
        if (joined == null || in.station().chainOperator() == null) {
            return Optional.empty();
        }
        List<Item> items = new ArrayList<>();
        for (int years : in.rules().chainAnniversaryYears().stream().sorted().toList()) {
            LocalDate anniversary = joined.plusYears(years);
            if (YearMonth.from(anniversary).equals(in.month())) {
                items.add(new Item("station:" + in.station().id(), null, "chain operator " + in.station().chainOperator()
                        + ", joined " + joined + ", " + years + " year(s) on " + anniversary, 1, in.rules().chainPerStationFen()));
            }
        }
        if (items.isEmpty()) {
            return Optional.empty();
        }
        long amount = items.stream().mapToLong(Item::amountFen).sum();
        return Optional.of(new StatementLine(LineCode.CHAIN, "Chain-operation subsidy", items.size(), "anniversary",
                in.rules().chainPerStationFen(), amount, items));
    }

    // ---- meals ---------------------------------------------------------------------------------

    private StatementLine mealAssistance(List<MealServed> subsidised) {
        List<Item> items = subsidised.stream().map(m -> new Item("meal:" + m.id(), m.elderId(),
                m.serviceDate() + " " + m.meal() + ", price " + Money.yuan(m.priceFen()), 1, m.subsidyFen())).toList();
        long amount = items.stream().mapToLong(Item::amountFen).sum();
        return new StatementLine(LineCode.MEAL_ASSISTANCE, "Meal assistance deducted at the counter", items.size(), "meal",
                null, amount, items);
    }

    private StatementLine mealOperating(SubsidyRules r, List<MealServed> subsidised) {
        // One diner-day per elder and day: the first subsidised meal of that day is the record behind it.
        Map<String, MealServed> firstOfDay = new LinkedHashMap<>();
        for (MealServed m : subsidised) {
            firstOfDay.putIfAbsent(m.elderId() + "|" + m.serviceDate(), m);
        }
        List<Item> items = firstOfDay.values().stream().map(m -> new Item("meal:" + m.id(), m.elderId(),
                "diner on " + m.serviceDate(), 1, r.mealOperatingFen())).toList();
        return new StatementLine(LineCode.MEAL_OPERATING, "Meal operating subsidy per diner per day", items.size(), "diner-day",
                r.mealOperatingFen(), items.stream().mapToLong(Item::amountFen).sum(), items);
    }

    private List<StatementFlag> ineligibleMeals(StatementInput in, List<MealServed> subsidised) {
        SubsidyRules r = in.rules();
        List<StatementFlag> out = new ArrayList<>();
        for (MealServed m : subsidised) {
            List<String> reasons = new ArrayList<>();
            if (m.meal() == Facts.Meal.BREAKFAST) {
                reasons.add("breakfast is not subsidised");
            }
            if (m.priceFen() <= r.mealMinPriceFen()) {
                reasons.add("price " + Money.yuan(m.priceFen()) + " is not above " + Money.yuan(r.mealMinPriceFen()));
            }
            if (m.subsidyFen() != r.mealAssistFen()) {
                reasons.add("deducted " + Money.yuan(m.subsidyFen()) + " instead of " + Money.yuan(r.mealAssistFen()));
            }
            boolean signed = in.elderAgreements().stream()
                    .anyMatch(a -> a.elderId().equals(m.elderId()) && a.inForceOn(m.serviceDate()));
            if (!signed) {
                reasons.add("no service agreement in force on " + m.serviceDate());
            }
            if (!reasons.isEmpty()) {
                out.add(new StatementFlag(Code.MEAL_SUBSIDY_NOT_ELIGIBLE, String.join("; ", reasons), m.elderId(),
                        List.of("meal:" + m.id())));
            }
        }
        return out;
    }

    private List<StatementFlag> duplicateMeals(StatementInput in, List<MealServed> subsidisedHere) {
        Map<String, List<MealServed>> byElderDay = new TreeMap<>();
        List<MealServed> all = new ArrayList<>(subsidisedHere);
        in.otherStationSubsidisedMeals().stream().filter(MealServed::subsidised)
                .filter(m -> !m.stationId().equals(in.station().id())).forEach(all::add);
        all.sort(MEAL_ORDER);
        for (MealServed m : all) {
            byElderDay.computeIfAbsent(m.elderId() + "|" + m.serviceDate(), k -> new ArrayList<>()).add(m);
        }
        List<StatementFlag> out = new ArrayList<>();
        for (List<MealServed> group : byElderDay.values()) {
            boolean touchesThisStation = group.stream().anyMatch(m -> m.stationId().equals(in.station().id()));
            if (group.size() > 1 && touchesThisStation) {
                MealServed first = group.get(0);
                String stations = group.stream().map(MealServed::stationId).distinct().collect(Collectors.joining(", "));
                out.add(new StatementFlag(Code.DUPLICATE_SUBSIDISED_MEAL, group.size() + " subsidised meals on "
                        + first.serviceDate() + " at " + stations, first.elderId(),
                        group.stream().map(m -> "meal:" + m.id()).toList()));
            }
        }
        return out;
    }

    // ---- death, moving away, institution stays -------------------------------------------------

    private record Dated(String ref, String elderId, LocalDate date) {
    }

    private List<StatementFlag> servedWhenUnservable(StatementInput in) {
        List<Dated> records = new ArrayList<>();
        in.meals().forEach(m -> records.add(new Dated("meal:" + m.id(), m.elderId(), m.serviceDate())));
        in.services().forEach(s -> records.add(new Dated("service:" + s.id(), s.elderId(), s.serviceDate())));
        records.sort(Comparator.comparing(Dated::date).thenComparing(Dated::ref));

        Map<String, List<Dated>> afterDeath = new TreeMap<>();
        Map<String, List<Dated>> afterMoving = new TreeMap<>();
        Map<String, List<Dated>> duringStay = new TreeMap<>();
        Map<String, String> stayNotes = new TreeMap<>();
        for (Dated r : records) {
            for (ElderStatus s : in.statuses()) {
                if (!s.elderId().equals(r.elderId()) || !r.date().isAfter(s.lastServableDay())) {
                    continue;
                }
                (s.kind() == ElderStatusKind.DECEASED ? afterDeath : afterMoving)
                        .computeIfAbsent(r.elderId() + "|" + s.id(), k -> new ArrayList<>()).add(r);
            }
            for (Facts.InstitutionStay st : in.stays()) {
                // A respite stay at this very station is the station's own service, not an absence.
                if (st.elderId().equals(r.elderId()) && !st.facilityId().equals(in.station().id()) && st.inside(r.date())) {
                    duringStay.computeIfAbsent(r.elderId() + "|" + st.id(), k -> new ArrayList<>()).add(r);
                    stayNotes.put(r.elderId() + "|" + st.id(), st.id().startsWith("bed-registry:")
                            ? "bed-registry counts a bed in institution " + st.facilityId() + " every day of the month"
                            : "admitted to " + st.facilityId() + " on " + st.admittedOn()
                            + (st.dischargedOn() == null ? ", not discharged" : ", discharged " + st.dischargedOn()));
                }
            }
        }
        Map<String, ElderStatus> statusById = in.statuses().stream().collect(Collectors.toMap(ElderStatus::id, Function.identity(), (a, b) -> a));
        List<StatementFlag> out = new ArrayList<>();
        afterDeath.forEach((k, recs) -> out.add(new StatementFlag(Code.SERVED_AFTER_DEATH,
                recs.size() + " record(s) dated after the death on " + statusById.get(k.split("\\|")[1]).effectiveOn(),
                recs.get(0).elderId(), recs.stream().map(Dated::ref).toList())));
        afterMoving.forEach((k, recs) -> out.add(new StatementFlag(Code.SERVED_AFTER_MOVING_AWAY,
                recs.size() + " record(s) dated on or after moving away on " + statusById.get(k.split("\\|")[1]).effectiveOn(),
                recs.get(0).elderId(), recs.stream().map(Dated::ref).toList())));
        duringStay.forEach((k, recs) -> out.add(new StatementFlag(Code.SERVED_DURING_INSTITUTION_STAY,
                recs.size() + " record(s) while " + stayNotes.get(k), recs.get(0).elderId(), recs.stream().map(Dated::ref).toList())));
        return out;
    }

    // ---- respite, adjustments, jumps -----------------------------------------------------------

    private Optional<StatementLine> respite(StatementInput in, List<StatementFlag> flags) {
        if (in.bedDays() instanceof BedDays.Unavailable u) {
            flags.add(new StatementFlag(Code.RESPITE_DATA_MISSING, "Respite lines are missing, and institution stays known only to "
                    + "bed-registry were not checked: bed-registry could not be read (" + u.reason()
                    + "). Recompute the statement once bed-registry answers.", null, List.of()));
            return Optional.empty();
        }
        BedDays.Known known = (BedDays.Known) in.bedDays();
        long bedDays = known.total();
        if (bedDays == 0) {
            return Optional.empty();
        }
        List<String> refs = known.facilities().stream().map(BedDays.Facility::ref).sorted().toList();
        Long rate = in.rules().respitePerBedDayFen();
        if (rate == null) {
            flags.add(new StatementFlag(Code.RESPITE_RATE_NOT_SET, bedDays
                    + " respite bed-days but the district's rules set no rate per bed-day", null, refs));
            return Optional.empty();
        }
        List<Item> items = known.facilities().stream().filter(f -> f.bedDays() > 0)
                .sorted(Comparator.comparing(BedDays.Facility::ref))
                .map(f -> new Item(f.ref(), null, f.bedDays() + " bed-days from bed-registry", f.bedDays(),
                        Math.multiplyExact(f.bedDays(), rate)))
                .toList();
        return Optional.of(new StatementLine(LineCode.RESPITE, "Respite subsidy per bed-day", bedDays, "bed-day", rate,
                items.stream().mapToLong(Item::amountFen).sum(), items));
    }

    private Optional<StatementLine> adjustments(StatementInput in) {
        List<Item> items = in.adjustments().stream()
                .sorted(Comparator.comparing(StatementInput.Adjustment::month))
                .filter(a -> a.deltaFen() != 0)
                .map(a -> new Item("statement:" + a.statementId(), null, "correction of " + a.month() + ": approved "
                        + Money.yuan(a.approvedFen()) + ", recomputed " + Money.yuan(a.recomputedFen())
                        + (a.alreadyAdjustedFen() != 0 ? ", already adjusted " + Money.yuan(a.alreadyAdjustedFen()) : ""),
                        1, a.deltaFen()))
                .toList();
        if (items.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new StatementLine(LineCode.ADJUSTMENT, "Late corrections of approved months", items.size(), "month",
                null, items.stream().mapToLong(Item::amountFen).sum(), items));
    }

    private Optional<StatementFlag> jump(StatementInput in, long monthFen) {
        List<Long> previous = in.previousTotalsFen();
        long sum = previous.stream().mapToLong(Long::longValue).sum();
        if (previous.isEmpty() || sum <= 0) {
            return Optional.empty();
        }
        // monthFen / (sum / n) > threshold / 100, in integers.
        if (monthFen * 100L * previous.size() > (long) in.rules().jumpThresholdPercent() * sum) {
            long avg = sum / previous.size();
            return Optional.of(new StatementFlag(Code.SUDDEN_JUMP, "This month's " + Money.yuan(monthFen)
                    + " is above " + in.rules().jumpThresholdPercent() + "% of the average " + Money.yuan(avg)
                    + " of the last " + previous.size() + " approved month(s)", null, List.of()));
        }
        return Optional.empty();
    }

    private static String refs(String kind, TreeSet<String> ids) {
        return ids.stream().map(id -> kind + ":" + id).collect(Collectors.joining(" "));
    }
}
