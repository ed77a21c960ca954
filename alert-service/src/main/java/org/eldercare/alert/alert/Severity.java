package org.eldercare.alert.alert;

/** How urgent an alert is; decides how far escalation may go. */
public enum Severity {
    LOW, MEDIUM, HIGH, CRITICAL
}
