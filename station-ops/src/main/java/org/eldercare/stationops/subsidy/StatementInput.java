package org.eldercare.stationops.subsidy;

import java.time.YearMonth;
import java.util.List;

/**
 * Everything a month's statement is computed from.
 *
 * @param agreements           agreements of this station overlapping the month
 * @param elderAgreements      agreements at any station of the elders who ate here this month (meal eligibility)
 * @param meals                meals served at this station in the month
 * @param otherStationSubsidisedMeals subsidised meals of the same elders at other stations in the month
 * @param services             service records of this station in the month
 * @param statuses             death / moving away of the elders concerned
 * @param stays                institution stays of the elders concerned
 * @param previousTotalsFen    totals (without adjustments) of the latest approved statements before this month
 * @param adjustments          late corrections of earlier, already approved months
 */
public record StatementInput(YearMonth month, Facts.Station station, SubsidyRules rules,
                             List<Facts.Agreement> agreements, List<Facts.Agreement> elderAgreements,
                             List<Facts.MealServed> meals, List<Facts.MealServed> otherStationSubsidisedMeals,
                             List<Facts.ServiceDelivered> services, List<Facts.ElderStatus> statuses,
                             List<Facts.InstitutionStay> stays, BedDays bedDays, List<Long> previousTotalsFen,
                             List<Adjustment> adjustments) {

    /** The difference between an approved month as paid and as its records now compute. */
    public record Adjustment(String month, String statementId, long approvedFen, long recomputedFen, long alreadyAdjustedFen) {

        public long deltaFen() {
            return recomputedFen - approvedFen - alreadyAdjustedFen;
        }
    }

    public StatementInput {
        agreements = List.copyOf(agreements);
        elderAgreements = List.copyOf(elderAgreements);
        meals = List.copyOf(meals);
        otherStationSubsidisedMeals = List.copyOf(otherStationSubsidisedMeals);
        services = List.copyOf(services);
        statuses = List.copyOf(statuses);
        stays = List.copyOf(stays);
        previousTotalsFen = List.copyOf(previousTotalsFen);
        adjustments = List.copyOf(adjustments);
    }
}
