package org.eldercare.console.web;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class FormatsTest {

    @Test
    void moneyTravelsInFenAndShowsInYuan() {
        assertEquals("12.50", Formats.yuan(1250));
        assertEquals("0.05", Formats.yuan(5));
        assertEquals(1250L, Formats.fen("12.5"));
        assertThrows(NumberFormatException.class, () -> Formats.fen("1.234"));
        assertThrows(NumberFormatException.class, () -> Formats.fen("-1"));
    }

    @Test
    void servedTimeIsTheDistrictsWallClock() {
        // 03:42 UTC is 11:42 in Beijing time.
        assertEquals("11:42", Formats.clock("2026-12-06T03:42:10.123Z"));
        assertEquals("", Formats.clock(null));
        assertEquals("yesterday", Formats.clock("yesterday"));
    }
}
