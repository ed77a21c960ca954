package org.eldercare.stationops.meal;

import org.eldercare.stationops.subsidy.Facts.Meal;
import org.eldercare.stationops.subsidy.SubsidyRules;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class CounterPricingTest {

    private static final SubsidyRules R = SubsidyRules.beijing2022();

    @Test
    void eligibleLunchIsFiveYuanCheaper() {
        CounterPricing.Decision d = CounterPricing.decide(R, Meal.LUNCH, 1_500, true, true, false);
        assertEquals(500, d.subsidyFen());
        assertEquals(1_000, d.elderPaysFen());
    }

    @Test
    void refusalsPayFullPrice() {
        assertEquals(0, CounterPricing.decide(R, Meal.BREAKFAST, 1_500, true, true, false).subsidyFen());
        assertEquals(0, CounterPricing.decide(R, Meal.DINNER, 500, true, true, false).subsidyFen()); // must be MORE than 5
        assertEquals(0, CounterPricing.decide(R, Meal.DINNER, 1_500, false, true, false).subsidyFen());
        assertEquals(0, CounterPricing.decide(R, Meal.DINNER, 1_500, true, false, false).subsidyFen());
        CounterPricing.Decision second = CounterPricing.decide(R, Meal.DINNER, 1_500, true, true, true);
        assertEquals(0, second.subsidyFen());
        assertEquals(1_500, second.elderPaysFen());
        assertEquals(501, CounterPricing.decide(R, Meal.DINNER, 501, true, true, false).elderPaysFen() + 500);
    }
}
