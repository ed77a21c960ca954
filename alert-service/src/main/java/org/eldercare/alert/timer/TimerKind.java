package org.eldercare.alert.timer;

/** What a durable timer is for; its key says for whom. */
public enum TimerKind {
    /** key = the FALL's eventId: the cancel window passed, open the alert. */
    FALL_CONFIRM,
    /** key = the FALL's eventId: end of the cancel window of a fall opened at once. */
    FALL_CANCEL_WINDOW_END,
    /** key = alert id: nobody accepted in time, go to the next tier. */
    ESCALATE,
    /** key = alert id: accepted, but nobody arrived in time. */
    ARRIVE_DEADLINE,
    /** key = device id: the watch stayed offline past the grace. */
    DEVICE_OFFLINE,
    /** key = elder id: the watch stayed off the wrist too long. */
    WATCH_REMOVED,
    /** key = elder id + ':' + alert kind: a vital out of bounds long enough. */
    VITALS_SUSTAINED,
    /** key = elder id: the elder's next check-in deadline. */
    CHECK_IN_DEADLINE
}
