package org.eldercare.contracts;

/** Kinds of normalized event on the internal {@code events/} topics. */
public enum PlatformEventType {
    /** The watch's own fall detector fired; the wearer may still cancel within 30 s. */
    FALL,
    /** The wearer pressed "I am fine"; {@code ref} is the original id of the FALL it cancels. */
    FALL_CANCELLED,
    SOS,
    /** The daily "I am well" button on the watch. */
    CHECK_IN,
    WORN,
    REMOVED,
    LOW_BATTERY,
    /** The watch's connection was lost (last will) or it fell silent past its timeout. */
    DEVICE_OFFLINE,
    DEVICE_ONLINE,
    /** A telemetry sample: heart rate, SpO2, steps, battery, worn, position. */
    VITALS,
    /** A patrol visitor's app reported where the visitor is and whether on duty. */
    VISITOR_LOCATION,
    /** A patrol visitor or family member acknowledged a notification. */
    NOTIFICATION_ACK,
    /** A patrol visit to the elder was completed; counts as the elder's check-in. */
    VISIT_COMPLETED
}
