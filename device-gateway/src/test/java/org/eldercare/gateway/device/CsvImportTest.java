package org.eldercare.gateway.device;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.*;

class CsvImportTest {

    @Test
    void readsDevicesWithOptionalColumnsInAnyOrder() {
        CsvImport.Result r = CsvImport.parse("serial,model,firmware,deviceId\r\nS1,EC-W2,2.4.1,w-1\n\n\"S2\",EC-W2,2.4.1,\n");
        assertTrue(r.errors().isEmpty(), r.errors().toString());
        assertEquals(2, r.devices().size());
        assertEquals("w-1", r.devices().get(0).device().deviceId());
        assertNull(r.devices().get(1).device().deviceId());
        assertEquals("S2", r.devices().get(1).device().serial());
        assertNull(r.devices().get(0).device().imei());
        assertEquals(4, r.devices().get(1).line());
    }

    @Test
    void reportsEveryBadLine() {
        CsvImport.Result r = CsvImport.parse("deviceId,model,firmware,serial,imei\n"
                + "w-1,M,F,S1,860000000000001\n"
                + "w 2,M,F,S2,\n"
                + ",M,,S3,\n"
                + "w-4,M,F,S4,12ab\n"
                + "w-1,M,F,S5,\n"
                + ",M,F,S1,\n");
        assertEquals(1, r.devices().size());
        assertEquals(java.util.List.of(3, 4, 5, 6, 7), r.errors().stream().map(CsvImport.LineError::line).toList());
    }

    @Test
    void headerMustNameTheRequiredColumns() {
        assertEquals(1, CsvImport.parse("a,b,c\n1,2,3\n").errors().size());
        assertEquals(1, CsvImport.parse("").errors().size());
        assertEquals(1, CsvImport.parse(null).errors().size());
    }
}
