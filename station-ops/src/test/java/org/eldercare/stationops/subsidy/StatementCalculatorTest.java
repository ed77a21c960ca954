package org.eldercare.stationops.subsidy;

import org.eldercare.stationops.subsidy.Facts.Agreement;
import org.eldercare.stationops.subsidy.Facts.AreaType;
import org.eldercare.stationops.subsidy.Facts.ElderStatus;
import org.eldercare.stationops.subsidy.Facts.ElderStatusKind;
import org.eldercare.stationops.subsidy.Facts.InstitutionStay;
import org.eldercare.stationops.subsidy.Facts.Meal;
import org.eldercare.stationops.subsidy.Facts.MealServed;
import org.eldercare.stationops.subsidy.Facts.ServiceDelivered;
import org.eldercare.stationops.subsidy.StatementFlag.Code;
import org.eldercare.stationops.subsidy.StatementLine.LineCode;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Statements computed by hand (amounts in fen: 180 yuan = 18000) against the calculator. */
class StatementCalculatorTest {

    private static final String ST = "st-1";
    private static final SubsidyRules RULES = SubsidyRules.beijing2022();
    private static final SubsidyRules WITH_RESPITE = new SubsidyRules(18_000, 1_400_000, 80, 200_000, 300_000, 1_000_000,
            List.of(1, 2), 500, 500, 300, 5_000L, 150);
    private final StatementCalculator calc = new StatementCalculator();

    /** A mutable builder of inputs, so each test states only what matters to it. */
    static final class In {
        YearMonth month = YearMonth.of(2025, 1);
        AreaType area = AreaType.URBAN;
        int stars = 1;
        String chainOperator;
        LocalDate chainJoined;
        SubsidyRules rules = RULES;
        List<Agreement> agreements = new ArrayList<>();
        List<Agreement> elderAgreements = new ArrayList<>();
        List<MealServed> meals = new ArrayList<>();
        List<MealServed> other = new ArrayList<>();
        List<ServiceDelivered> services = new ArrayList<>();
        List<ElderStatus> statuses = new ArrayList<>();
        List<InstitutionStay> stays = new ArrayList<>();
        BedDays bedDays = new BedDays.Known(List.of());
        List<Long> previous = new ArrayList<>();
        List<StatementInput.Adjustment> adjustments = new ArrayList<>();

        In signed(String elder, LocalDate start, LocalDate end) {
            Agreement a = new Agreement("ag-" + elder + "-" + start, ST, elder, start, end, "basic");
            agreements.add(a);
            elderAgreements.add(a);
            return this;
        }

        In signedFullMonth(int count) {
            for (int i = 0; i < count; i++) {
                signed(String.format("e%03d", i), LocalDate.of(2020, 1, 1), null);
            }
            return this;
        }

        In meal(String id, String station, String elder, LocalDate day, Meal meal, long price, long subsidy) {
            MealServed m = new MealServed(id, station, elder, day, meal, price, subsidy,
                    day.atTime(meal == Meal.DINNER ? 17 : 11, 30).toInstant(ZoneOffset.ofHours(8)));
            (station.equals(ST) ? meals : other).add(m);
            return this;
        }

        StatementInput build() {
            return new StatementInput(month, new Facts.Station(ST, "Station one", "haidian", area, stars, chainOperator, chainJoined),
                    rules, agreements, elderAgreements, meals, other, services, statuses, stays, bedDays, previous, adjustments);
        }
    }

    private static Optional<StatementLine> line(ComputedStatement s, LineCode code) {
        return s.lines().stream().filter(l -> l.code() == code).findFirst();
    }

    private static List<StatementFlag> flags(ComputedStatement s, Code code) {
        return s.flags().stream().filter(f -> f.code() == code).toList();
    }

    private static void assertLinesAddUp(ComputedStatement s) {
        for (StatementLine l : s.lines()) {
            assertEquals(l.amountFen(), l.items().stream().mapToLong(StatementLine.Item::amountFen).sum(), l.code() + " items");
        }
    }

    @Nested
    class Basic {

        @Test
        void urbanStationIsPaid180PerSignedElder() {
            ComputedStatement s = calc.compute(new In().signedFullMonth(3).build());
            StatementLine basic = line(s, LineCode.BASIC).orElseThrow();
            assertEquals(3, basic.quantity());
            assertEquals(54_000, basic.amountFen());
            assertEquals(54_000, s.totalFen());
            assertLinesAddUp(s);
        }

        @Test
        void agreementStartingMidMonthIsProratedByDays() {
            In in = new In();
            in.month = YearMonth.of(2025, 4); // 30 days
            in.signed("a", LocalDate.of(2025, 4, 16), null); // 15 days: 180 * 15/30 = 90.00
            in.signed("b", LocalDate.of(2024, 1, 1), LocalDate.of(2025, 4, 10)); // 10 days: 60.00
            in.signed("c", LocalDate.of(2025, 5, 1), null); // not yet
            in.signed("d", LocalDate.of(2024, 1, 1), LocalDate.of(2025, 3, 31)); // already ended
            ComputedStatement s = calc.compute(in.build());
            StatementLine basic = line(s, LineCode.BASIC).orElseThrow();
            assertEquals(2, basic.quantity());
            assertEquals(9_000 + 6_000, basic.amountFen());
            assertLinesAddUp(s);
        }

        @Test
        void proratingRoundsHalfUpToTheFen() {
            In in = new In();
            in.month = YearMonth.of(2024, 2); // leap February: 29 days
            in.signed("a", LocalDate.of(2024, 2, 20), null); // 10 days: 18000*10/29 = 6206.90 -> 6207
            in.signed("b", LocalDate.of(2024, 1, 1), LocalDate.of(2024, 2, 1)); // 1 day: 620.69 -> 621
            assertEquals(6_207 + 621, line(calc.compute(in.build()), LineCode.BASIC).orElseThrow().amountFen());
            assertEquals(9_000, StatementCalculator.prorate(18_000, 15, 30));
            assertEquals(5_806, StatementCalculator.prorate(18_000, 10, 31)); // 5806.45
            assertEquals(18_000, StatementCalculator.prorate(18_000, 31, 31));
        }

        @Test
        void lastDayOfTheMonthAndFirstDayOfTheNextDoNotOverlap() {
            In jan = new In();
            jan.signed("a", LocalDate.of(2024, 12, 1), LocalDate.of(2025, 1, 31));
            In feb = new In();
            feb.month = YearMonth.of(2025, 2);
            feb.signed("a", LocalDate.of(2024, 12, 1), LocalDate.of(2025, 1, 31));
            assertEquals(18_000, calc.compute(jan.build()).totalFen());
            assertEquals(0, calc.compute(feb.build()).totalFen());
        }

        @Test
        void twoAgreementsOfOneElderAtTheStationCountEachDayOnce() {
            In in = new In();
            in.signed("a", LocalDate.of(2024, 1, 1), LocalDate.of(2025, 1, 20));
            in.signed("a", LocalDate.of(2025, 1, 15), null); // overlaps by 6 days; still 31 days in all
            StatementLine basic = line(calc.compute(in.build()), LineCode.BASIC).orElseThrow();
            assertEquals(1, basic.quantity());
            assertEquals(18_000, basic.amountFen());
            assertTrue(basic.items().get(0).ref().contains("agreement:ag-a-2024-01-01"));
            assertTrue(basic.items().get(0).ref().contains("agreement:ag-a-2025-01-15"));
        }

        @Test
        void deathEndsTheSignedDaysAfterTheDateOfDeath() {
            In in = new In();
            in.signed("a", LocalDate.of(2024, 1, 1), null);
            in.statuses.add(new ElderStatus("s1", "a", ElderStatusKind.DECEASED, LocalDate.of(2025, 1, 10)));
            in.signed("b", LocalDate.of(2024, 1, 1), null);
            in.statuses.add(new ElderStatus("s2", "b", ElderStatusKind.MOVED_AWAY, LocalDate.of(2025, 1, 11)));
            // both: 10 days of 31 = 5806.45 -> 5806
            assertEquals(2 * 5_806, line(calc.compute(in.build()), LineCode.BASIC).orElseThrow().amountFen());
        }

        @Test
        void ruralStationBelow80SignedEldersGetsTheFlatRate() {
            In in = new In().signedFullMonth(79);
            in.area = AreaType.RURAL;
            ComputedStatement s = calc.compute(in.build());
            StatementLine basic = line(s, LineCode.BASIC).orElseThrow();
            assertEquals(1_400_000, basic.amountFen());
            assertEquals("month", basic.unit());
            assertEquals(80, basic.items().size()); // 79 elders traced, plus the flat-rate item
            assertLinesAddUp(s);
        }

        @Test
        void ruralStationWith80SignedEldersIsPaidPerElder() {
            In in = new In().signedFullMonth(80);
            in.area = AreaType.RURAL;
            assertEquals(80 * 18_000, line(calc.compute(in.build()), LineCode.BASIC).orElseThrow().amountFen());
        }

        @Test
        void ruralThresholdCountsElderMonthsSoAMidMonthSigningDoesNotCountAsAWholeElder() {
            In in = new In().signedFullMonth(79);
            in.area = AreaType.RURAL;
            in.signed("late", LocalDate.of(2025, 1, 20), null);
            assertEquals(1_400_000, line(calc.compute(in.build()), LineCode.BASIC).orElseThrow().amountFen());
            in.signed("late2", LocalDate.of(2025, 1, 1), null); // 80 full elder-months + 12 days
            // 80 * 18000 + 18000*12/31 (6967.74 -> 6968)
            assertEquals(80 * 18_000 + 6_968, line(calc.compute(in.build()), LineCode.BASIC).orElseThrow().amountFen());
        }

        @Test
        void urbanStationWithNobodySignedHasAZeroBasicLine() {
            ComputedStatement s = calc.compute(new In().build());
            assertEquals(0, line(s, LineCode.BASIC).orElseThrow().amountFen());
            assertEquals(0, s.totalFen());
        }
    }

    @Nested
    class StarsAndChains {

        @Test
        void starSubsidyByRating() {
            In in = new In();
            in.stars = 1;
            assertTrue(line(calc.compute(in.build()), LineCode.STAR).isEmpty());
            in.stars = 2;
            assertEquals(200_000, line(calc.compute(in.build()), LineCode.STAR).orElseThrow().amountFen());
            in.stars = 3;
            assertEquals(300_000, line(calc.compute(in.build()), LineCode.STAR).orElseThrow().amountFen());
            in.stars = 5;
            assertEquals(300_000, line(calc.compute(in.build()), LineCode.STAR).orElseThrow().amountFen());
        }

        @Test
        void chainSubsidyIsPaidInTheMonthsOfTheFirstAndSecondAnniversary() {
            In in = new In();
            in.chainOperator = "Sunshine Care";
            in.chainJoined = LocalDate.of(2023, 3, 15);
            in.month = YearMonth.of(2024, 3);
            assertEquals(1_000_000, line(calc.compute(in.build()), LineCode.CHAIN).orElseThrow().amountFen());
            in.month = YearMonth.of(2025, 3);
            assertEquals(1_000_000, line(calc.compute(in.build()), LineCode.CHAIN).orElseThrow().amountFen());
            for (YearMonth m : List.of(YearMonth.of(2023, 3), YearMonth.of(2024, 2), YearMonth.of(2024, 4), YearMonth.of(2026, 3))) {
                in.month = m;
                assertTrue(line(calc.compute(in.build()), LineCode.CHAIN).isEmpty(), m.toString());
            }
        }

        @Test
        void handComputedStarredChainStation() {
            // Urban, 3 stars, chain station in its first anniversary month, 20 elders full month,
            // one elder signed on 2024-06-21 (10 of 30 days): 20*180 + 60 + 3000 + 10000 = 16660.00
            In in = new In().signedFullMonth(20);
            in.month = YearMonth.of(2024, 6);
            in.stars = 3;
            in.chainOperator = "Sunshine Care";
            in.chainJoined = LocalDate.of(2023, 6, 1);
            in.signed("late", LocalDate.of(2024, 6, 21), null);
            ComputedStatement s = calc.compute(in.build());
            assertEquals(1_666_000, s.totalFen());
            assertEquals(List.of(LineCode.BASIC, LineCode.STAR, LineCode.CHAIN), s.lines().stream().map(StatementLine::code).toList());
            assertLinesAddUp(s);
        }
    }

    @Nested
    class Meals {

        @Test
        void mealAssistanceIsWhatWasDeductedAndOperatingIsPerDinerPerDay() {
            In in = new In().signed("a", LocalDate.of(2024, 1, 1), null).signed("b", LocalDate.of(2024, 1, 1), null);
            in.meal("m1", ST, "a", LocalDate.of(2025, 1, 6), Meal.LUNCH, 1_500, 500);
            in.meal("m2", ST, "a", LocalDate.of(2025, 1, 6), Meal.DINNER, 1_200, 0); // second meal that day: full price
            in.meal("m3", ST, "a", LocalDate.of(2025, 1, 7), Meal.DINNER, 1_200, 500);
            in.meal("m4", ST, "b", LocalDate.of(2025, 1, 6), Meal.LUNCH, 1_800, 500);
            in.meal("m5", ST, "b", LocalDate.of(2025, 1, 6), Meal.BREAKFAST, 300, 0);
            ComputedStatement s = calc.compute(in.build());
            StatementLine assist = line(s, LineCode.MEAL_ASSISTANCE).orElseThrow();
            assertEquals(3, assist.quantity());
            assertEquals(1_500, assist.amountFen());
            StatementLine operating = line(s, LineCode.MEAL_OPERATING).orElseThrow();
            assertEquals(3, operating.quantity()); // a on 6th and 7th, b on 6th
            assertEquals(900, operating.amountFen());
            assertEquals(List.of("meal:m1", "meal:m4", "meal:m3"), assist.items().stream().map(StatementLine.Item::ref).toList());
            assertEquals(2 * 18_000 + 1_500 + 900, s.totalFen());
            assertTrue(s.flags().isEmpty(), s.flags().toString());
            assertLinesAddUp(s);
        }

        @Test
        void noSubsidisedMealsMeansNoMealLines() {
            In in = new In().signed("a", LocalDate.of(2024, 1, 1), null);
            in.meal("m1", ST, "a", LocalDate.of(2025, 1, 6), Meal.LUNCH, 1_500, 0);
            ComputedStatement s = calc.compute(in.build());
            assertTrue(line(s, LineCode.MEAL_ASSISTANCE).isEmpty());
            assertTrue(line(s, LineCode.MEAL_OPERATING).isEmpty());
        }
    }

    @Nested
    class Respite {

        @Test
        void respiteIsBedDaysTimesTheDistrictRate() {
            In in = new In();
            in.rules = WITH_RESPITE;
            in.bedDays = new BedDays.Known(List.of(new BedDays.Facility("bed-registry:facility:f2:2025-01", 12),
                    new BedDays.Facility("bed-registry:facility:f1:2025-01", 28)));
            ComputedStatement s = calc.compute(in.build());
            StatementLine respite = line(s, LineCode.RESPITE).orElseThrow();
            assertEquals(40, respite.quantity());
            assertEquals(200_000, respite.amountFen());
            assertEquals("bed-registry:facility:f1:2025-01", respite.items().get(0).ref());
            assertTrue(s.flags().isEmpty());
        }

        @Test
        void unreachableBedRegistryIsFlaggedNotPaidAsZero() {
            In in = new In();
            in.rules = WITH_RESPITE;
            in.bedDays = new BedDays.Unavailable("connection refused");
            ComputedStatement s = calc.compute(in.build());
            assertTrue(line(s, LineCode.RESPITE).isEmpty());
            assertEquals(1, flags(s, Code.RESPITE_DATA_MISSING).size());
            assertTrue(flags(s, Code.RESPITE_DATA_MISSING).get(0).detail().contains("connection refused"));
        }

        @Test
        void bedDaysWithoutARateAreFlagged() {
            In in = new In();
            in.bedDays = new BedDays.Known(List.of(new BedDays.Facility("bed-registry:facility:f1:2025-01", 10)));
            ComputedStatement s = calc.compute(in.build());
            assertTrue(line(s, LineCode.RESPITE).isEmpty());
            assertEquals(1, flags(s, Code.RESPITE_RATE_NOT_SET).size());
        }

        @Test
        void noBedDaysNoLineNoFlag() {
            ComputedStatement s = calc.compute(new In().build());
            assertTrue(line(s, LineCode.RESPITE).isEmpty());
            assertTrue(s.flags().isEmpty());
        }
    }

    @Nested
    class Checks {

        @Test
        void duplicateSubsidisedMealAtOneStationFires() {
            In in = new In().signed("a", LocalDate.of(2024, 1, 1), null);
            in.meal("m1", ST, "a", LocalDate.of(2025, 1, 6), Meal.LUNCH, 1_500, 500);
            in.meal("m2", ST, "a", LocalDate.of(2025, 1, 6), Meal.DINNER, 1_500, 500);
            ComputedStatement s = calc.compute(in.build());
            List<StatementFlag> dup = flags(s, Code.DUPLICATE_SUBSIDISED_MEAL);
            assertEquals(1, dup.size());
            assertEquals(List.of("meal:m1", "meal:m2"), dup.get(0).refs());
            // Flagged, not dropped: both meals stay on the line for the reviewer.
            assertEquals(1_000, line(s, LineCode.MEAL_ASSISTANCE).orElseThrow().amountFen());
        }

        @Test
        void duplicateSubsidisedMealAcrossStationsFires() {
            In in = new In().signed("a", LocalDate.of(2024, 1, 1), null);
            in.meal("m1", ST, "a", LocalDate.of(2025, 1, 6), Meal.LUNCH, 1_500, 500);
            in.meal("x9", "st-2", "a", LocalDate.of(2025, 1, 6), Meal.DINNER, 1_500, 500);
            List<StatementFlag> dup = flags(calc.compute(in.build()), Code.DUPLICATE_SUBSIDISED_MEAL);
            assertEquals(1, dup.size());
            assertTrue(dup.get(0).detail().contains("st-2"));
        }

        @Test
        void duplicateCheckIsQuietForOneSubsidisedMealADay() {
            In in = new In().signed("a", LocalDate.of(2024, 1, 1), null);
            in.meal("m1", ST, "a", LocalDate.of(2025, 1, 6), Meal.LUNCH, 1_500, 500);
            in.meal("m2", ST, "a", LocalDate.of(2025, 1, 6), Meal.DINNER, 1_500, 0);
            in.meal("m3", ST, "a", LocalDate.of(2025, 1, 7), Meal.LUNCH, 1_500, 500);
            in.meal("x9", "st-2", "a", LocalDate.of(2025, 1, 8), Meal.DINNER, 1_500, 500);
            assertTrue(flags(calc.compute(in.build()), Code.DUPLICATE_SUBSIDISED_MEAL).isEmpty());
        }

        @Test
        void mealAfterDeathFiresAndMealOnTheDayOfDeathIsQuiet() {
            In in = new In().signed("a", LocalDate.of(2024, 1, 1), null);
            in.statuses.add(new ElderStatus("s1", "a", ElderStatusKind.DECEASED, LocalDate.of(2025, 1, 10)));
            in.meal("m1", ST, "a", LocalDate.of(2025, 1, 10), Meal.LUNCH, 1_500, 500);
            assertTrue(flags(calc.compute(in.build()), Code.SERVED_AFTER_DEATH).isEmpty());
            in.meal("m2", ST, "a", LocalDate.of(2025, 1, 12), Meal.LUNCH, 1_500, 500);
            in.services.add(new ServiceDelivered("v1", ST, "a", "BATHING", LocalDate.of(2025, 1, 13), 60));
            List<StatementFlag> f = flags(calc.compute(in.build()), Code.SERVED_AFTER_DEATH);
            assertEquals(1, f.size());
            assertEquals(List.of("meal:m2", "service:v1"), f.get(0).refs());
        }

        @Test
        void mealAfterMovingAwayFiresFromTheEffectiveDay() {
            In in = new In().signed("a", LocalDate.of(2024, 1, 1), null);
            in.statuses.add(new ElderStatus("s1", "a", ElderStatusKind.MOVED_AWAY, LocalDate.of(2025, 1, 10)));
            in.meal("m1", ST, "a", LocalDate.of(2025, 1, 9), Meal.LUNCH, 1_500, 500);
            assertTrue(flags(calc.compute(in.build()), Code.SERVED_AFTER_MOVING_AWAY).isEmpty());
            in.meal("m2", ST, "a", LocalDate.of(2025, 1, 10), Meal.LUNCH, 1_500, 500);
            assertEquals(List.of("meal:m2"), flags(calc.compute(in.build()), Code.SERVED_AFTER_MOVING_AWAY).get(0).refs());
        }

        @Test
        void serviceDuringAnInstitutionStayFires() {
            In in = new In().signed("a", LocalDate.of(2024, 1, 1), null);
            in.stays.add(new InstitutionStay("stay1", "a", "nursing-home-9", LocalDate.of(2025, 1, 5), LocalDate.of(2025, 1, 20)));
            in.services.add(new ServiceDelivered("v1", ST, "a", "HOME_VISIT", LocalDate.of(2025, 1, 12), 30));
            List<StatementFlag> f = flags(calc.compute(in.build()), Code.SERVED_DURING_INSTITUTION_STAY);
            assertEquals(1, f.size());
            assertEquals(List.of("service:v1"), f.get(0).refs());
            assertTrue(f.get(0).detail().contains("nursing-home-9"));
        }

        @Test
        void institutionStayCheckIsQuietOnTravelDaysAndForTheStationsOwnRespiteBeds() {
            In in = new In().signed("a", LocalDate.of(2024, 1, 1), null);
            in.stays.add(new InstitutionStay("stay1", "a", "nursing-home-9", LocalDate.of(2025, 1, 5), LocalDate.of(2025, 1, 20)));
            in.stays.add(new InstitutionStay("stay2", "a", ST, LocalDate.of(2025, 1, 22), null));
            in.services.add(new ServiceDelivered("v1", ST, "a", "HOME_VISIT", LocalDate.of(2025, 1, 5), 30));
            in.services.add(new ServiceDelivered("v2", ST, "a", "HOME_VISIT", LocalDate.of(2025, 1, 20), 30));
            in.services.add(new ServiceDelivered("v3", ST, "a", "RESPITE_STAY", LocalDate.of(2025, 1, 25), 600));
            assertTrue(flags(calc.compute(in.build()), Code.SERVED_DURING_INSTITUTION_STAY).isEmpty());
        }

        @Test
        void suddenJumpFiresAbove150PercentOfTheRecentAverage() {
            In in = new In().signedFullMonth(16); // 2880.00
            in.previous.addAll(List.of(180_000L, 190_000L, 170_000L)); // average 1800.00; 150% = 2700.00
            List<StatementFlag> f = flags(calc.compute(in.build()), Code.SUDDEN_JUMP);
            assertEquals(1, f.size());
            assertTrue(f.get(0).detail().contains("1800.00"), f.get(0).detail());
        }

        @Test
        void suddenJumpIsQuietForSteadyTotalsAndWithoutHistory() {
            In in = new In().signedFullMonth(15); // 2700.00 = exactly 150%: not above
            in.previous.addAll(List.of(180_000L, 190_000L, 170_000L));
            assertTrue(flags(calc.compute(in.build()), Code.SUDDEN_JUMP).isEmpty());
            in.previous.clear();
            assertTrue(flags(calc.compute(in.build()), Code.SUDDEN_JUMP).isEmpty());
        }

        @Test
        void ineligibleSubsidisedMealFiresAndEligibleIsQuiet() {
            In in = new In().signed("a", LocalDate.of(2024, 1, 1), null);
            in.meal("ok", ST, "a", LocalDate.of(2025, 1, 6), Meal.LUNCH, 1_500, 500);
            assertTrue(flags(calc.compute(in.build()), Code.MEAL_SUBSIDY_NOT_ELIGIBLE).isEmpty());
            in.meal("cheap", ST, "a", LocalDate.of(2025, 1, 7), Meal.LUNCH, 500, 500);
            in.meal("nosign", ST, "z", LocalDate.of(2025, 1, 8), Meal.DINNER, 1_500, 500);
            List<StatementFlag> f = flags(calc.compute(in.build()), Code.MEAL_SUBSIDY_NOT_ELIGIBLE);
            assertEquals(2, f.size());
        }
    }

    @Nested
    class Adjustments {

        @Test
        void lateCorrectionOfAnApprovedMonthBecomesAnAdjustmentLine() {
            In in = new In().signedFullMonth(2);
            in.adjustments.add(new StatementInput.Adjustment("2024-11", "s-nov", 36_000, 41_806, 0)); // +58.06
            in.adjustments.add(new StatementInput.Adjustment("2024-12", "s-dec", 36_000, 36_000, 0)); // unchanged
            in.adjustments.add(new StatementInput.Adjustment("2024-10", "s-oct", 36_000, 30_000, -2_000)); // -40.00 more
            ComputedStatement s = calc.compute(in.build());
            StatementLine adj = line(s, LineCode.ADJUSTMENT).orElseThrow();
            assertEquals(List.of("statement:s-oct", "statement:s-nov"), adj.items().stream().map(StatementLine.Item::ref).toList());
            assertEquals(-4_000 + 5_806, adj.amountFen());
            assertEquals(36_000 + 1_806, s.totalFen());
            assertEquals(36_000, s.monthFen());
        }
    }

    @Nested
    class Determinism {

        @Test
        void theSameRecordsInAnyOrderGiveTheSameStatement() {
            In in = new In().signedFullMonth(12);
            in.rules = WITH_RESPITE;
            in.stars = 2;
            in.signed("late", LocalDate.of(2025, 1, 17), null);
            for (int d = 1; d <= 20; d++) {
                in.meal("m" + d, ST, String.format("e%03d", d % 5), LocalDate.of(2025, 1, d), d % 2 == 0 ? Meal.LUNCH : Meal.DINNER,
                        1_000 + d * 10, 500);
            }
            in.meal("x1", "st-2", "e001", LocalDate.of(2025, 1, 1), Meal.LUNCH, 1_500, 500);
            in.statuses.add(new ElderStatus("s1", "e004", ElderStatusKind.DECEASED, LocalDate.of(2025, 1, 15)));
            in.bedDays = new BedDays.Known(List.of(new BedDays.Facility("f:a", 3), new BedDays.Facility("f:b", 4)));
            ComputedStatement first = calc.compute(in.build());

            Random random = new Random(42);
            for (int i = 0; i < 5; i++) {
                Collections.shuffle(in.agreements, random);
                Collections.shuffle(in.meals, random);
                Collections.shuffle(in.elderAgreements, random);
                assertEquals(first, calc.compute(in.build()));
            }
            assertFalse(first.flags().isEmpty());
            assertLinesAddUp(first);
        }
    }
}
