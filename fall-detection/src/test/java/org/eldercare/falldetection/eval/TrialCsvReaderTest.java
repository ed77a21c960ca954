package org.eldercare.falldetection.eval;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.eldercare.falldetection.eval.TrialCsvReader.AccelerationUnit;
import org.eldercare.falldetection.eval.TrialCsvReader.TimeUnit;
import org.eldercare.falldetection.eval.TrialCsvReader.UnreadableTrialException;
import org.junit.jupiter.api.Test;

class TrialCsvReaderTest {
    private static final TrialCsvReader G_AUTO = new TrialCsvReader(AccelerationUnit.G, TimeUnit.AUTO);

    @Test
    void smartFallMmLinesLocalDateTimeAndMetresPerSecondSquared() throws Exception {
        var r = new TrialCsvReader(AccelerationUnit.MS2, TimeUnit.AUTO).parse(List.of(
                "2022-08-05 10:34:03.389,0,9.80665,0",
                "2022-08-05 10:34:03.42,19.6133,0,0",
                "2022-08-05 10:34:03.451000,0,0,-9.80665"));
        assertEquals(31, r.timesMs()[1] - r.timesMs()[0], 1e-6);
        assertEquals(62, r.timesMs()[2] - r.timesMs()[0], 1e-6);
        assertArrayEquals(new double[] {0, 1, 0}, r.samplesG()[0], 1e-9);
        assertArrayEquals(new double[] {2, 0, 0}, r.samplesG()[1], 1e-9);
        assertArrayEquals(new double[] {0, 0, -1}, r.samplesG()[2], 1e-9);
    }

    @Test
    void headerIsOptionalAndNumericTimeUnitIsRecognised() throws Exception {
        var seconds = G_AUTO.parse(List.of("time,x,y,z", "0.00,0,1,0", "0.02,0,1,0", "0.04,0,1,0"));
        assertArrayEquals(new double[] {0, 20, 40}, seconds.timesMs(), 1e-9);
        var millis = G_AUTO.parse(List.of("0,0,1,0", "20,0,1,0", "40,0,1,0"));
        assertArrayEquals(new double[] {0, 20, 40}, millis.timesMs(), 1e-9);
        var epochMillis = G_AUTO.parse(List.of("1767225600000,0,1,0", "1767225600020,0,1,0"));
        assertEquals(20, epochMillis.timesMs()[1] - epochMillis.timesMs()[0], 1e-9);
        var epochSeconds = G_AUTO.parse(List.of("1767225600.00,0,1,0", "1767225600.02,0,1,0"));
        assertEquals(20, epochSeconds.timesMs()[1] - epochSeconds.timesMs()[0], 1e-3);
        var forcedSeconds = new TrialCsvReader(AccelerationUnit.G, TimeUnit.S).parse(List.of("1,0,1,0", "2,0,1,0"));
        assertArrayEquals(new double[] {1000, 2000}, forcedSeconds.timesMs(), 1e-9);
        var forcedMillis = new TrialCsvReader(AccelerationUnit.G, TimeUnit.MS).parse(List.of("0.5,0,1,0", "0.6,0,1,0"));
        assertArrayEquals(new double[] {0.5, 0.6}, forcedMillis.timesMs(), 1e-9);
    }

    @Test
    void timeOfDayWrapsPastMidnight() throws Exception {
        var r = G_AUTO.parse(List.of("23:59:59.980,0,1,0", "00:00:00.010,0,1,0"));
        assertEquals(30, r.timesMs()[1] - r.timesMs()[0], 1e-6);
    }

    @Test
    void garbledTrialsAreReportedNotGuessed() {
        // as in a few SmartFallMM files: the time ended up in the second column
        assertThrows(UnreadableTrialException.class,
                () -> G_AUTO.parse(List.of("-9.571291,13.50.22.969,-3.0915267,0.4331009", "-9.61,13.50.22.970,-3.16,0.41")));
        assertThrows(UnreadableTrialException.class, () -> G_AUTO.parse(List.of("0,0,1,0", "20,0,1")));
        assertThrows(UnreadableTrialException.class, () -> G_AUTO.parse(List.of("0,0,1,0", "20,0,NaN,0")));
        assertThrows(UnreadableTrialException.class, () -> G_AUTO.parse(List.of("0,0,1,0")));
        assertThrows(UnreadableTrialException.class,
                () -> G_AUTO.parse(List.of("0,0,1,0", "2022-08-05 10:34:03.389,0,1,0")), "mixed time formats");
    }

    @Test
    void unitNames() {
        assertEquals(AccelerationUnit.MS2, AccelerationUnit.parse("m/s^2"));
        assertEquals(AccelerationUnit.G, AccelerationUnit.parse("G"));
        assertThrows(IllegalArgumentException.class, () -> AccelerationUnit.parse("mg"));
        assertThrows(IllegalArgumentException.class, () -> TimeUnit.parse("ns"));
    }
}
