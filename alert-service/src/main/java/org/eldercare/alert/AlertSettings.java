package org.eldercare.alert;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.Optional;

/** Every parameter of detection, escalation and delivery; all overridable per district. */
@ConfigMapping(prefix = "eldercare.alert")
public interface AlertSettings {

    /** The district's calendar, for check-in deadlines. */
    @WithDefault("Asia/Shanghai")
    String zone();

    Fall fall();

    Detect detect();

    Escalation escalation();

    Delivery delivery();

    Webhook webhook();

    Sms sms();

    Timers timers();

    interface Fall {
        /** How long the wearer may cancel a fall on the watch. */
        @WithDefault("30s")
        Duration cancelWindow();

        /** WAIT: open when the window passed; AT_ONCE: open immediately, marked pending cancel. */
        @WithDefault("WAIT")
        String mode();
    }

    interface Detect {
        /** DEVICE_OFFLINE must last this long before it is an alert (a reconnect within it is silence). */
        @WithDefault("5m")
        Duration offlineGrace();

        /** The watch off the wrist this long is an alert. */
        @WithDefault("2h")
        Duration removedTooLong();

        @WithDefault("15")
        int lowBatteryPercent();

        /**
         * A condition that clears itself (the watch back online, worn again, its battery recovered)
         * cancels its alert while nobody has taken it on, or is noted and told to whoever has.
         */
        @WithDefault("true")
        boolean clearOnRecovery();

        /**
         * A reading's battery at or above this clears a low-battery alert; kept above
         * {@link #lowBatteryPercent()} so that a battery hovering at the threshold does not flap.
         */
        @WithDefault("30")
        int batteryRecoveredPercent();

        /**
         * How often each replica reloads which elders have a watch off the wrist or a low battery
         * awaiting clearing (besides at start-up and its own openings and closings), so that a
         * reading clears them whichever replica saw the condition.
         */
        @WithDefault("30s")
        Duration clearableRefresh();

        /** A vital out of bounds this long is an alert. */
        @WithDefault("2m")
        Duration vitalsSustain();

        /** Without an out-of-bounds reading this recent, an excursion is taken as over. */
        @WithDefault("1m")
        Duration vitalsStaleAfter();

        /** Check-in policy for elders whose care circle has none: disabled unless set, e.g. "10:00". */
        Optional<String> defaultCheckInDeadline();

        /**
         * An elder's first check-in deadline falls no sooner than this after their policy starts
         * (enrolment, or the policy switched on): a deadline minutes away waits for the next day.
         */
        @WithDefault("6h")
        Duration firstCheckInGrace();
    }

    interface Escalation {
        @WithDefault("3m")
        Duration tier1Delay();

        @WithDefault("5m")
        Duration tier2Delay();

        /** After acceptance, nobody arriving within this re-escalates. */
        @WithDefault("30m")
        Duration arriveDeadline();

        @WithDefault("3")
        int nearestVisitors();

        @WithDefault("5000")
        double nearbyRadiusMeters();

        /** A visitor's position older than this is not used. */
        @WithDefault("30m")
        Duration locationFreshness();

        /**
         * When an alert's usual last tier (by severity) is exhausted, by declines or by its delay
         * passing with nobody accepting, escalation goes on up to this tier. 2 (default): a LOW or
         * MEDIUM alert nobody takes reaches the station on duty, which is always staffed, but a flat
         * battery never reaches the district emergency channel; 3 sends it there too. At or below the
         * usual last tier: it stops there.
         */
        @WithDefault("2")
        int exhaustedUpToTier();

        /** District emergency channel phone for SMS at tier 3 (besides the webhook). */
        Optional<String> emergencyPhone();

        /** How long a dispatched visitor may read the elder in visit-service. */
        @WithDefault("24h")
        Duration grantFor();
    }

    interface Delivery {
        @WithDefault("2s")
        Duration firstRetry();

        @WithDefault("5m")
        Duration maxRetry();

        @WithDefault("10")
        int maxAttempts();

        /** A delivery not confirmed within this is picked up again by the retry poller. */
        @WithDefault("15s")
        Duration lease();

        @WithDefault("10s")
        Duration httpTimeout();

        /** How often due retries are looked for (read by the scheduler). */
        @WithDefault("1s")
        Duration poll();
    }

    interface Webhook {
        /** The district emergency channel; unset = the channel records each attempt as not configured. */
        Optional<String> url();

        @WithDefault("dev-webhook-secret")
        String secret();
    }

    interface Sms {
        /** HTTP SMS gateway; unset = SMS attempts fail as not configured (and are recorded). */
        Optional<String> url();

        /** JSON body template; {phone} and {text} are replaced (JSON-escaped). */
        @WithDefault("{\"to\":\"{phone}\",\"text\":\"{text}\"}")
        String template();

        /** Optional Authorization header value for the SMS gateway. */
        Optional<String> authorization();
    }

    interface Timers {
        @WithDefault("200")
        int batch();

        /** How often due timers are looked for (read by the scheduler). */
        @WithDefault("1s")
        Duration poll();
    }
}
