package org.eldercare.visits;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import org.eldercare.visits.elder.CareCategory;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** visit-service's own settings, under {@code eldercare.visits}. */
@ConfigMapping(prefix = "eldercare.visits")
public interface VisitSettings {

    NationalIdKeys nationalId();

    CareDefaults care();

    Rules rules();

    /** A visit started farther than this from the elder's home is accepted but flagged. */
    @WithDefault("300")
    int farStartMeters();

    Outbox outbox();

    interface NationalIdKeys {
        /** Base64 of 32 bytes: AES-256-GCM key for national ID numbers at rest. */
        String encryptionKey();

        /** Base64 of at least 32 bytes: HMAC key for the lookup hash. */
        String hashKey();
    }

    interface CareDefaults {
        List<CareCategory> dailyCheckInCategories();

        @WithDefault("10:00")
        String checkInDeadline();

        @WithDefault("1000")
        int safeZoneRadiusMeters();

        Optional<Integer> hrMin();

        Optional<Integer> hrMax();

        Optional<Integer> spo2Min();
    }

    interface Rules {
        /** Name of this rule set; recorded on every plan item made under it. */
        String version();

        /** Care category name to rule, e.g. {@code LIVING_ALONE=WEEKLY,IN_PERSON}. */
        Map<String, String> category();

        /** For elders in none of the categories above. */
        @WithDefault("MONTHLY,PHONE_ALLOWED")
        String fallback();
    }

    interface Outbox {
        @WithDefault("1s")
        Duration interval();

        @WithDefault("200")
        int batchSize();
    }
}
