package org.eldercare.visits.plan;

import org.eldercare.visits.elder.CareCategory;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class VisitRulesTest {

    private final VisitRules rules = new VisitRules("v1", Map.of(
            CareCategory.LIVING_ALONE, VisitRule.parse("WEEKLY,IN_PERSON"),
            CareCategory.EMPTY_NEST, VisitRule.parse("MONTHLY,PHONE_ALLOWED"),
            CareCategory.AGED_80_PLUS, VisitRule.parse("MONTHLY,IN_PERSON")),
            VisitRule.parse("MONTHLY,PHONE_ALLOWED"));

    @Test
    void strictestRuleWins() {
        assertEquals(new VisitRule(Frequency.WEEKLY, false), rules.ruleFor(Set.of(CareCategory.LIVING_ALONE, CareCategory.EMPTY_NEST)));
        assertEquals(new VisitRule(Frequency.MONTHLY, false), rules.ruleFor(Set.of(CareCategory.AGED_80_PLUS, CareCategory.EMPTY_NEST)));
        assertEquals(new VisitRule(Frequency.MONTHLY, true), rules.ruleFor(Set.of(CareCategory.EMPTY_NEST)));
        assertEquals(new VisitRule(Frequency.MONTHLY, true), rules.ruleFor(Set.of()), "fallback");
        assertEquals(new VisitRule(Frequency.MONTHLY, true), rules.ruleFor(Set.of(CareCategory.EXTREME_POVERTY)), "fallback");
        assertEquals("v1", rules.version());
    }

    @Test
    void weeklyPeriodsCoverTheMonthInFour() {
        List<VisitRules.Period> feb = VisitRules.periods(YearMonth.of(2026, 2), Frequency.WEEKLY);
        assertEquals(4, feb.size());
        assertEquals(new VisitRules.Period(LocalDate.of(2026, 2, 1), LocalDate.of(2026, 2, 7)), feb.get(0));
        assertEquals(new VisitRules.Period(LocalDate.of(2026, 2, 22), LocalDate.of(2026, 2, 28)), feb.get(3));
        List<VisitRules.Period> dec = VisitRules.periods(YearMonth.of(2026, 12), Frequency.WEEKLY);
        assertEquals(LocalDate.of(2026, 12, 31), dec.get(3).due(), "the tail joins the last week");
        assertTrue(dec.get(3).contains(LocalDate.of(2026, 12, 29)));
        assertFalse(dec.get(0).contains(LocalDate.of(2026, 12, 8)));
    }

    @Test
    void monthlyPeriodIsTheMonth() {
        assertEquals(List.of(new VisitRules.Period(LocalDate.of(2024, 2, 1), LocalDate.of(2024, 2, 29))),
                VisitRules.periods(YearMonth.of(2024, 2), Frequency.MONTHLY));
    }

    @Test
    void parseRefusesNonsense() {
        assertThrows(IllegalArgumentException.class, () -> VisitRule.parse("WEEKLY"));
        assertThrows(IllegalArgumentException.class, () -> VisitRule.parse("DAILY,IN_PERSON"));
        assertThrows(IllegalArgumentException.class, () -> VisitRule.parse("WEEKLY,BY_LETTER"));
    }
}
