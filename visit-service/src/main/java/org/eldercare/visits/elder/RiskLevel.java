package org.eldercare.visits.elder;

/** How urgently an elder needs attention; orders a visitor's day and the alert service's escalation. */
public enum RiskLevel {
    HIGH, MEDIUM, LOW
}
