package org.eldercare.stationops.meal;

import org.eldercare.stationops.subsidy.Facts;
import org.eldercare.stationops.subsidy.SubsidyRules;

/**
 * What the elder pays at the counter. The meal assistance is deducted from the price at payment,
 * once a day, for a lunch or dinner costing more than the minimum, for an elder with a service
 * agreement in force who has not died or moved away.
 */
public final class CounterPricing {

    private CounterPricing() {
    }

    public record Decision(long subsidyFen, long elderPaysFen, String reason) {
    }

    public static Decision decide(SubsidyRules rules, Facts.Meal meal, long priceFen, boolean signed, boolean servable,
                                  boolean alreadySubsidisedToday) {
        String refusal = null;
        if (meal == Facts.Meal.BREAKFAST) {
            refusal = "breakfast is not subsidised";
        } else if (priceFen <= rules.mealMinPriceFen()) {
            refusal = "price is not above the subsidised minimum";
        } else if (!signed) {
            refusal = "no service agreement in force";
        } else if (!servable) {
            refusal = "elder recorded as deceased or moved away";
        } else if (alreadySubsidisedToday) {
            refusal = "already had a subsidised meal today";
        }
        if (refusal != null) {
            return new Decision(0, priceFen, refusal);
        }
        long subsidy = Math.min(rules.mealAssistFen(), priceFen);
        return new Decision(subsidy, priceFen - subsidy, "meal assistance deducted");
    }
}
