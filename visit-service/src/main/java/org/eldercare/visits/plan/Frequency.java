package org.eldercare.visits.plan;

/** How often an elder must be visited. Ordered from most to least frequent. */
public enum Frequency {
    WEEKLY, MONTHLY
}
