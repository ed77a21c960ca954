package org.eldercare.falldetection.eval;

import java.nio.file.Path;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How a trial's labels come from its path, so that any directory of labelled trials can be replayed:
 * <ul>
 *   <li>group (e.g. young / old wearers) = the first directory below the replayed directory, "all" for files
 *       directly in it;</li>
 *   <li>activity (required) and subject (optional) = the named groups {@code activity} and {@code subject} of
 *       {@code namePattern} found in the file name;</li>
 *   <li>fall vs. daily activity = whether the activity code is in {@code fallActivities}.</li>
 * </ul>
 * The defaults follow the SmartFallMM layout: {@code young/accelerometer/watch/S29A11T01.csv} is group young,
 * subject 29, activity 11, a fall (codes 10-14).
 */
public record TrialLabeling(Pattern namePattern, Set<Integer> fallActivities) {

    public static final String DEFAULT_NAME_PATTERN = "S(?<subject>\\d+)A(?<activity>\\d+)T(?<trial>\\d+)";

    public static TrialLabeling smartFallMm() {
        return new TrialLabeling(Pattern.compile(DEFAULT_NAME_PATTERN), parseCodes("10-14"));
    }

    public record Labels(String group, int subject, int activity, boolean fall) {
    }

    /** Labels of the file at {@code relative} (relative to the replayed directory); empty if the name does not match. */
    public Optional<Labels> label(Path relative) {
        String name = relative.getFileName().toString();
        Matcher m = namePattern.matcher(name);
        if (!m.find()) {
            return Optional.empty();
        }
        int activity = Integer.parseInt(m.group("activity"));
        int subject = -1;
        try {
            subject = Integer.parseInt(m.group("subject"));
        } catch (IllegalArgumentException e) {
            // pattern without a subject group: subject filters then keep only "all"
        }
        String group = relative.getNameCount() > 1 ? relative.getName(0).toString() : "all";
        return Optional.of(new Labels(group, subject, activity, fallActivities.contains(activity)));
    }

    /** "10-14" or "10,11,12" or "1,3-5". */
    public static Set<Integer> parseCodes(String spec) {
        Set<Integer> codes = new TreeSet<>();
        for (String part : spec.split(",")) {
            String p = part.strip();
            if (p.isEmpty()) {
                continue;
            }
            int dash = p.indexOf('-');
            if (dash > 0) {
                int a = Integer.parseInt(p.substring(0, dash).strip());
                int b = Integer.parseInt(p.substring(dash + 1).strip());
                for (int c = a; c <= b; c++) {
                    codes.add(c);
                }
            } else {
                codes.add(Integer.parseInt(p));
            }
        }
        return codes;
    }
}
