package org.eldercare.stationops.subsidy;

import java.util.List;

/**
 * One version of a district's subsidy rules, as amounts in fen. Stored as data and chosen by the
 * statement month, so that a policy change is a new row, never a code change.
 *
 * @param basicPerElderFen        basic subsidy per signed elder per month (urban; rural above the threshold)
 * @param ruralFlatFen            flat monthly basic subsidy of a rural station below the threshold
 * @param ruralThresholdElders    signed elders (elder-months) from which a rural station is paid per elder
 * @param star2Fen                monthly star subsidy for a 2-star station
 * @param star3PlusFen            monthly star subsidy for a station of 3 stars or more
 * @param chainPerStationFen      chain-operation subsidy paid at each anniversary in {@code chainAnniversaryYears}
 * @param chainAnniversaryYears   years in the chain after which the chain subsidy is paid (Beijing: 1 and 2)
 * @param mealAssistFen           meal assistance per eligible elder per day, deducted from the price
 * @param mealMinPriceFen         a meal must cost strictly more than this to be subsidised
 * @param mealOperatingFen        operating subsidy per subsidised diner per day
 * @param respitePerBedDayFen     respite subsidy per bed-day; null when the district has not set one
 * @param jumpThresholdPercent    a statement above this percentage of the recent average is flagged
 */
public record SubsidyRules(long basicPerElderFen, long ruralFlatFen, int ruralThresholdElders,
                           long star2Fen, long star3PlusFen,
                           long chainPerStationFen, List<Integer> chainAnniversaryYears,
                           long mealAssistFen, long mealMinPriceFen, long mealOperatingFen,
                           Long respitePerBedDayFen, int jumpThresholdPercent) {

    public SubsidyRules {
        chainAnniversaryYears = List.copyOf(chainAnniversaryYears);
        requireNonNegative(basicPerElderFen, ruralFlatFen, ruralThresholdElders, star2Fen, star3PlusFen,
                chainPerStationFen, mealAssistFen, mealMinPriceFen, mealOperatingFen,
                respitePerBedDayFen == null ? 0 : respitePerBedDayFen);
        if (jumpThresholdPercent <= 100) {
            throw new IllegalArgumentException("jumpThresholdPercent must be above 100");
        }
        for (int y : chainAnniversaryYears) {
            if (y <= 0) {
                throw new IllegalArgumentException("chain anniversaries must be positive years");
            }
        }
    }

    /** Beijing's rules in force since 2022 (respite rate left to the district). */
    public static SubsidyRules beijing2022() {
        return new SubsidyRules(18_000, 1_400_000, 80, 200_000, 300_000, 1_000_000, List.of(1, 2),
                500, 500, 300, null, 150);
    }

    private static void requireNonNegative(long... values) {
        for (long v : values) {
            if (v < 0) {
                throw new IllegalArgumentException("subsidy amounts cannot be negative");
            }
        }
    }
}
