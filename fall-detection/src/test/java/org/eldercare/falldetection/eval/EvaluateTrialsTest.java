package org.eldercare.falldetection.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import org.eldercare.falldetection.FallDetectionParameters;
import org.eldercare.falldetection.SyntheticTraces;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EvaluateTrialsTest {
    private static final double HZ = 32;

    @TempDir
    Path dir;

    private void writeSmallDataset() throws Exception {
        Path young = dir.resolve("young/accelerometer/watch");
        Path old = dir.resolve("old/accelerometer/watch");
        TrialFiles.writeMs2(young.resolve("S01A11T01.csv"), SyntheticTraces.forwardFall(HZ, 5), HZ);
        TrialFiles.writeMs2(young.resolve("S02A12T01.csv"), SyntheticTraces.fallThenGetUp(HZ), HZ);
        TrialFiles.writeMs2(young.resolve("S01A08T01.csv"), SyntheticTraces.walking(HZ, 10), HZ);
        TrialFiles.writeMs2(young.resolve("S02A07T01.csv"), SyntheticTraces.clapping(HZ), HZ);
        TrialFiles.writeMs2(old.resolve("S01A06T01.csv"), SyntheticTraces.knockOnTable(HZ), HZ);
        TrialFiles.writeMs2(old.resolve("S02A09T01.csv"), SyntheticTraces.sittingDownHard(HZ), HZ);
        Files.writeString(old.resolve("S03A01T01.csv"), "-9.57,13.50.22.969,-3.09,0.43\n-9.61,13.50.22.970,-3.16,0.41\n");
        Files.writeString(dir.resolve("notes.csv"), "not a trial\n");
    }

    @Test
    void reportsSensitivityAndFalseAlarmsPerGroupAndActivity() throws Exception {
        writeSmallDataset();
        String out = EvaluateTrials.run(new String[] {"--dir", dir.toString(), "--unit", "ms2", "--list",
            "--param", "method=RULES"});
        assertTrue(out.contains("trials: 6 read"), out);
        assertTrue(out.contains("skipped: 2"), out);
        assertTrue(out.contains("old/accelerometer/watch/S03A01T01.csv: line 1"), out);
        assertTrue(out.contains("notes.csv: file name does not match"), out);
        assertTrue(Pattern.compile("young\\s+1/2 = 50\\.0%\\s+0/2 = 0\\.0%").matcher(out).find(), out);
        assertTrue(Pattern.compile("old\\s+-\\s+0/2 = 0\\.0%").matcher(out).find(), out);
        assertTrue(out.contains("young  A11 fall 1/1 = 100.0%"), out);
        assertTrue(out.contains("young  A12 fall 0/1 = 0.0%"), out);
        assertTrue(out.contains("MISSED young/accelerometer/watch/S02A12T01.csv".replace('/', java.io.File.separatorChar)), out);
    }

    @Test
    void labellingRuleAndParametersAreOptions() throws Exception {
        Path flat = dir.resolve("flat");
        TrialFiles.writeMs2(flat.resolve("fall-3.csv"), SyntheticTraces.forwardFall(HZ, 5), HZ);
        TrialFiles.writeMs2(flat.resolve("walk-1.csv"), SyntheticTraces.walking(HZ, 10), HZ);
        String out = EvaluateTrials.run(new String[] {"--dir", flat.toString(), "--unit", "ms2",
            "--name-pattern", "-(?<activity>\\d+)\\.csv", "--fall-activities", "3", "--param", "method=RULES"});
        assertTrue(Pattern.compile("all\\s+1/1 = 100\\.0%\\s+0/1 = 0\\.0%").matcher(out).find(), out);

        String strict = EvaluateTrials.run(new String[] {"--dir", flat.toString(), "--unit", "ms2",
            "--name-pattern", "-(?<activity>\\d+)\\.csv", "--fall-activities", "3", "--param", "impactThresholdG=5", "--param", "method=RULES"});
        assertTrue(strict.contains("impactThresholdG=5.0"), strict);
        assertTrue(Pattern.compile("all\\s+0/1 = 0\\.0%").matcher(strict).find(), strict);
    }

    @Test
    void subjectFilterSplitsForCrossChecks() throws Exception {
        writeSmallDataset();
        var labeling = TrialLabeling.smartFallMm();
        var reader = new TrialCsvReader(TrialCsvReader.AccelerationUnit.MS2, TrialCsvReader.TimeUnit.AUTO);
        var odd = TrialSet.load(dir, labeling, reader, TrialSet.subjectFilter("odd"));
        var even = TrialSet.load(dir, labeling, reader, TrialSet.subjectFilter("even"));
        assertEquals(3, odd.trials().size());
        assertEquals(3, even.trials().size());
        assertTrue(odd.trials().stream().allMatch(t -> t.subject() % 2 == 1));
        var listed = TrialSet.load(dir, labeling, reader, TrialSet.subjectFilter("2-3"));
        assertEquals(3, listed.trials().size());
        var evaluation = Evaluation.run(odd.trials(), FallDetectionParameters.rulesDefaults(), TrialReplayer.defaults());
        assertEquals(1, evaluation.byGroup().get("young").fallsDetected);
    }

    @Test
    void labelsComeFromDirectoryAndFileName() {
        var l = TrialLabeling.smartFallMm().label(Path.of("young", "accelerometer", "watch", "S29A11T01.csv")).orElseThrow();
        assertEquals(new TrialLabeling.Labels("young", 29, 11, true), l);
        var adl = TrialLabeling.smartFallMm().label(Path.of("old", "x", "S05A09T02.csv")).orElseThrow();
        assertFalse(adl.fall());
        assertEquals("all", TrialLabeling.smartFallMm().label(Path.of("S01A10T01.csv")).orElseThrow().group());
        assertTrue(TrialLabeling.smartFallMm().label(Path.of("young", "readme.csv")).isEmpty());
        assertEquals(List.of(1, 3, 4, 5, 10), List.copyOf(TrialLabeling.parseCodes("1, 3-5,10")));
    }

    @Test
    void missingDirectoryIsAUsageError() {
        assertThrows(IllegalArgumentException.class, () -> EvaluateTrials.run(new String[] {"--unit", "g"}));
        assertThrows(IllegalArgumentException.class,
                () -> EvaluateTrials.run(new String[] {"--dir", dir.resolve("nope").toString()}));
        assertThrows(IllegalArgumentException.class,
                () -> EvaluateTrials.run(new String[] {"--dir", dir.toString(), "--param", "noSuchParameter=1"}));
    }
}
