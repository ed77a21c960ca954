package org.eldercare.falldetection.eval;

/**
 * One labelled recording: times in ms (any epoch; only differences matter) and acceleration in g.
 *
 * @param file     path relative to the replayed directory
 * @param group    wearer group (first directory under the replayed directory, e.g. "young", "old"; "all" if none)
 * @param subject  subject id from the file name, or -1 if the name pattern has no subject
 * @param activity activity code from the file name
 * @param fall     whether the activity is a fall (per the fall-activity option)
 */
public record Trial(String file, String group, int subject, int activity, boolean fall,
                    double[] timesMs, double[][] samplesG) {
}
