package org.eldercare.alert.alert;

/** The action is not allowed in the alert's current state. */
public class IllegalTransitionException extends RuntimeException {
    public IllegalTransitionException(String message) {
        super(message);
    }
}
