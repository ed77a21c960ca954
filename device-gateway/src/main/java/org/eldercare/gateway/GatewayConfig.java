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

        /**
         * Shared-subscription group: one copy of each message per group. Every replica of a deployment
         * uses the same group; tests and benchmarks use their own, so that their persistent sessions
         * never take a share of another deployment's messages.
         */
        @WithDefault("device-gateway")
        String shareGroup();

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

        /** Publish a VITALS event for every telemetry sample of a bound watch. */
        @WithDefault("true")
        boolean vitalsEvents();
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
