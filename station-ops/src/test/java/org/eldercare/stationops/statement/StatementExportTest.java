package org.eldercare.stationops.statement;

import org.eldercare.stationops.subsidy.StatementFlag;
import org.eldercare.stationops.subsidy.StatementLine;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class StatementExportTest {

    @Test
    void cellsAreQuotedAndFormulasNeutralised() {
        assertEquals("plain", StatementExport.escape("plain"));
        assertEquals("\"a, b\"", StatementExport.escape("a, b"));
        assertEquals("\"say \"\"hi\"\"\"", StatementExport.escape("say \"hi\""));
        assertEquals("'=SUM(A1:A9)", StatementExport.escape("=SUM(A1:A9)"));
        assertEquals("-40.00", StatementExport.escape("-40.00"));
        assertEquals("", StatementExport.escape(null));
    }

    @Test
    void oneRowPerRecordThenSubtotalsFlagsAndTotal() {
        StatementLine basic = new StatementLine(StatementLine.LineCode.BASIC, "Basic subsidy per signed elder", 2, "elder", 18_000L,
                27_000, List.of(new StatementLine.Item("agreement:a1", "e1", "31/31 days signed", 31, 18_000),
                new StatementLine.Item("agreement:a2", "e2", "15/30 days signed", 15, 9_000)));
        StatementFlag flag = new StatementFlag(StatementFlag.Code.SERVED_AFTER_DEATH, "1 record(s)", "e2", List.of("meal:m1"));
        StatementView v = new StatementView(UUID.randomUUID(), "st-1", "2025-04", StatementStatus.DRAFT, UUID.randomUUID(), 27_000,
                "270.00", 27_000, List.of(basic), List.of(flag), "abc", Instant.EPOCH, "op", null, null, null, null, null, null,
                null, null);
        String[] rows = StatementExport.csv(v).split("\r\n");
        assertEquals(6, rows.length);
        assertEquals("st-1,2025-04,DRAFT,BASIC,Basic subsidy per signed elder,agreement:a1,e1,31/31 days signed,31,180.00", rows[1]);
        assertTrue(rows[3].contains("BASIC subtotal") && rows[3].endsWith(",270.00"));
        assertTrue(rows[4].contains("FLAG SERVED_AFTER_DEATH") && rows[4].contains("meal:m1"));
        assertTrue(rows[5].contains("TOTAL") && rows[5].endsWith(",270.00"));
    }
}
