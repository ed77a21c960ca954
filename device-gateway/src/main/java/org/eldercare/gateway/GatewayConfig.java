package org.eldercare.gateway;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** Settings of the gateway under {@code eldercare.gateway}. */
@ConfigMapping(prefix = "eldercare.gateway")
public interface GatewayConfig {

    Ingest ingest();

    Telemetry telemetry();

    /** Telemetry battery below this (percent) raises LOW_BATTERY, once per drop. */
    @WithDefault("20")
    int lowBatteryThreshold();

    /** How long ingest trusts what it cached about a sender; another replica's changes show after this. */
    @WithDefault("5000")
    long directoryTtlMs();

    interface Ingest {
        /** Consumer connections sharing the subscriptions: each adds a window of unacknowledged messages. */
        @WithDefault("2")
        int connections();

        @WithDefault("16384")
        int maxPayloadBytes();

        @WithDefault("131072")
        int maxMotionBytes();

        /** How far a watch's clock may run ahead of the platform's. */
        @WithDefault("PT5M")
        Duration futureSkew();

        /** Oldest buffered data accepted; must stay within the telemetry retention. */
        @WithDefault("P7D")
        Duration maxAge();

        /** Rows per database round trip. */
        @WithDefault("1000")
        int batchSize();

        /** How long the first message of a batch waits for company. */
        @WithDefault("4")
        long batchLingerMs();

        /** Batches written at once per kind. */
        @WithDefault("2")
        int batchConcurrency();

        /**
         * Claims of alarms and receipts (events, acks) written at once: they have their own batches,
         * sent without lingering, so an SOS never waits for a bulk batch to fill or finish.
         */
        @WithDefault("4")
        int urgentConcurrency();

        /** Publish a VITALS event for every telemetry sample of a bound watch. */
        @WithDefault("true")
        boolean vitalsEvents();

        /**
         * VITALS events of a stored batch go out together as one {@code VitalsBatch} on
         * {@code vitals/{instance}}; false: one message per sample on {@code events/VITALS/{elderId}},
         * for consumers that do not read batches yet.
         */
        @WithDefault("true")
        boolean vitalsPerBatch();

        /**
         * VitalsBatch publications outstanding (sent, no PUBACK yet) up to which the samples'
         * acknowledgement does not wait for them; past it, a batch waits for its own.
         */
        @WithDefault("16")
        int vitalsInFlight();
    }

    interface Telemetry {
        /** Partitions (one per UTC day) older than this are dropped. */
        @WithDefault("P30D")
        Duration retention();

        /** Partitions are created this many days ahead. */
        @WithDefault("7")
        int daysAhead();
    }
}
