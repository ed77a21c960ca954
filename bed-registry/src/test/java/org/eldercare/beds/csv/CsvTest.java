package org.eldercare.beds.csv;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CsvTest {

    @Test
    void parsesQuotesCrlfBomAndBlankLines() {
        List<Csv.Row> rows = Csv.parse("\uFEFFid,name\r\na,\"x, \"\"y\"\"\"\r\n\r\nb,\"multi\nline\"\nc,\n");
        assertEquals(4, rows.size());
        assertEquals(List.of("id", "name"), rows.get(0).fields());
        assertEquals(List.of("a", "x, \"y\""), rows.get(1).fields());
        assertEquals(4, rows.get(2).line());
        assertEquals(List.of("b", "multi\nline"), rows.get(2).fields());
        assertEquals(6, rows.get(3).line());
        assertEquals(List.of("c", ""), rows.get(3).fields());
    }

    @Test
    void unclosedQuoteIsAnError() {
        assertThrows(IllegalArgumentException.class, () -> Csv.parse("a,\"b\n"));
    }

    @Test
    void writesQuotedWhereNeeded() {
        assertEquals("a,\"b,c\",\"d\"\"e\",,6.69", Csv.line(java.util.Arrays.asList("a", "b,c", "d\"e", null, new java.math.BigDecimal("6.69"))));
    }

    @Test
    void tableCollectsRowErrorsWithLineNumbers() {
        CsvTable t = CsvTable.read("id,name\na,b\nc\n", List.of("id", "name"), List.of());
        assertEquals(1, t.records().size());
        assertEquals(3, t.errors().get(0).line());
        CsvTable missing = CsvTable.read("id\na\n", List.of("id", "name"), List.of());
        assertTrue(missing.errors().get(0).reason().contains("name"));
    }
}
