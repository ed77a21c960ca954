package org.eldercare.alert.alert;

/** What a person (or the escalation machinery) does to an alert. */
public enum AlertAction {
    DISPATCH, ACCEPT, ARRIVE, RESOLVE, VERIFY, CLOSE, CANCEL,
    /** Nobody arrived in time after acceptance: back to dispatched, to the next tier. */
    REDISPATCH
}
