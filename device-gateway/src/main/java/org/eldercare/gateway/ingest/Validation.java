package org.eldercare.gateway.ingest;

/** Either a valid message or why it was refused. */
public record Validation(Inbound inbound, RejectReason reason, String detail) {

    static Validation ok(Inbound inbound) {
        return new Validation(inbound, null, null);
    }

    static Validation reject(RejectReason reason, String detail) {
        return new Validation(null, reason, detail);
    }

    public boolean accepted() {
        return inbound != null;
    }
}
