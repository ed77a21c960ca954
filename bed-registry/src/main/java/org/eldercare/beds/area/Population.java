package org.eldercare.beds.area;

/** A community's population in one year: 常住人口, aged 60+, aged 80+ and disabled elders (失能老人). */
public record Population(int year, long residents, long aged60Plus, long aged80Plus, long disabledElders) {

    /** Why these figures cannot be true together, or null when they can. */
    public static String inconsistency(long residents, long aged60Plus, long aged80Plus, long disabledElders) {
        if (residents < 0 || aged60Plus < 0 || aged80Plus < 0 || disabledElders < 0) {
            return "population figures cannot be negative";
        }
        if (aged60Plus > residents) {
            return "aged_60_plus (" + aged60Plus + ") exceeds resident_population (" + residents + ")";
        }
        if (aged80Plus > aged60Plus) {
            return "aged_80_plus (" + aged80Plus + ") exceeds aged_60_plus (" + aged60Plus + ")";
        }
        if (disabledElders > aged60Plus) {
            return "disabled_elders (" + disabledElders + ") exceeds aged_60_plus (" + aged60Plus + ")";
        }
        return null;
    }
}
