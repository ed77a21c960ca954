package org.eldercare.alert.alert;

import java.util.UUID;

public class AlertNotFoundException extends RuntimeException {
    public AlertNotFoundException(UUID id) {
        super("no alert " + id);
    }
}
