package org.eldercare.visits.plan;

/** How often to visit an elder, and whether a phone call may stand in for a visit in person. */
public record VisitRule(Frequency frequency, boolean phoneAllowed) {

    /** The stricter of two rules: the more frequent, and in person if either demands it. */
    public VisitRule strictest(VisitRule other) {
        Frequency f = frequency.compareTo(other.frequency) <= 0 ? frequency : other.frequency;
        return new VisitRule(f, phoneAllowed && other.phoneAllowed);
    }

    /** Parses the configuration form {@code WEEKLY,IN_PERSON} or {@code MONTHLY,PHONE_ALLOWED}. */
    public static VisitRule parse(String s) {
        String[] parts = s.split(",");
        if (parts.length != 2) {
            throw new IllegalArgumentException("visit rule must be '<WEEKLY|MONTHLY>,<IN_PERSON|PHONE_ALLOWED>', was " + s);
        }
        Frequency f = Frequency.valueOf(parts[0].trim());
        String kind = parts[1].trim();
        if (!kind.equals("IN_PERSON") && !kind.equals("PHONE_ALLOWED")) {
            throw new IllegalArgumentException("visit rule kind must be IN_PERSON or PHONE_ALLOWED, was " + kind);
        }
        return new VisitRule(f, kind.equals("PHONE_ALLOWED"));
    }
}
