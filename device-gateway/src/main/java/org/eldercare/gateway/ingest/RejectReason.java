package org.eldercare.gateway.ingest;

/** Why a message from a watch or app was not accepted. Every reason but DUPLICATE is quarantined. */
public enum RejectReason {
    MALFORMED_JSON,
    /** A required field is missing or a field has the wrong type. */
    SCHEMA,
    /** A value outside what a body or a watch can produce (hr 300, battery 140). */
    OUT_OF_RANGE,
    /** {@code ts} later than the platform's clock plus the allowed skew. */
    TS_IN_FUTURE,
    /** {@code ts} older than the oldest telemetry kept. */
    TS_TOO_OLD,
    UNKNOWN_DEVICE,
    RETIRED_DEVICE,
    /** An app user without credentials issued by the platform. */
    UNKNOWN_SENDER,
    /** A topic that is not part of the protocol, or does not belong to the sender. */
    TOPIC_MISMATCH,
    OVERSIZED,
    UNKNOWN_EVENT_TYPE,
    /** Seen before: counted, not quarantined. */
    DUPLICATE
}
