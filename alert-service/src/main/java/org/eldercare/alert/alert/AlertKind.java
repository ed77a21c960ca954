package org.eldercare.alert.alert;

/** What an alert is about. At most one open alert per elder and kind (enforced by the database). */
public enum AlertKind {
    FALL(Severity.CRITICAL),
    SOS(Severity.CRITICAL),
    MISSED_CHECK_IN(Severity.HIGH),
    VITALS_HR_LOW(Severity.HIGH),
    VITALS_HR_HIGH(Severity.HIGH),
    VITALS_SPO2_LOW(Severity.HIGH),
    LEFT_SAFE_ZONE(Severity.HIGH),
    DEVICE_OFFLINE(Severity.MEDIUM),
    WATCH_REMOVED(Severity.MEDIUM),
    LOW_BATTERY(Severity.LOW);

    private final Severity severity;

    AlertKind(Severity severity) {
        this.severity = severity;
    }

    public Severity severity() {
        return severity;
    }

    /** A safety event in the architecture's sense: must never be lost. */
    public boolean safety() {
        return this == FALL || this == SOS || this == MISSED_CHECK_IN;
    }
}
