package org.eldercare.alert.motion;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eldercare.alert.alert.AlertKind;
import org.eldercare.alert.alert.AlertService;
import org.eldercare.alert.alert.NewAlert;
import org.eldercare.contracts.MotionWindow;
import org.eldercare.contracts.Topics;
import org.eldercare.falldetection.FallDetection;
import org.eldercare.falldetection.FallDetectionParameters;
import org.eldercare.falldetection.FallDetectorBank;
import org.eldercare.mqtt.IncomingMessage;
import org.eldercare.mqtt.PlatformMqtt;
import org.jboss.logging.Logger;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * Server-side fall detection from wrist motion windows, for watches whose own detector is off or
 * weak. A detector keeps per-device state, so all windows of a device must reach the same replica:
 * instead of a shared subscription, each replica subscribes to all motion and keeps the devices of
 * its partition ({@code hash(deviceId) mod partitions == partition}). A detected fall opens a FALL
 * alert at once (the wearer has no cancel button for a fall the watch did not see).
 */
@ApplicationScoped
public class MotionFallDetection {

    private static final Logger LOG = Logger.getLogger(MotionFallDetection.class);

    private final PlatformMqtt mqtt;
    private final AlertService alerts;
    private final ObjectMapper json;
    private final MeterRegistry metrics;
    private final FallDetectorBank bank;
    private final boolean enabled;
    private final int partitions;
    private final int partition;

    public MotionFallDetection(PlatformMqtt mqtt, AlertService alerts, ObjectMapper json, MeterRegistry metrics,
                               @ConfigProperty(name = "eldercare.alert.motion.enabled", defaultValue = "true") boolean enabled,
                               @ConfigProperty(name = "eldercare.alert.motion.partitions", defaultValue = "1") int partitions,
                               @ConfigProperty(name = "eldercare.alert.motion.partition", defaultValue = "0") int partition,
                               @ConfigProperty(name = "eldercare.alert.motion.idle-after-ms", defaultValue = "600000") long idleAfterMs,
                               @ConfigProperty(name = "eldercare.alert.motion.parameters") Optional<Map<String, String>> parameters) {
        this.mqtt = mqtt;
        this.alerts = alerts;
        this.json = json;
        this.metrics = metrics;
        this.enabled = enabled;
        this.partitions = Math.max(1, partitions);
        this.partition = partition;
        this.bank = new FallDetectorBank(parameters.map(FallDetectionParameters.fromMap(Map.of())::with)
                .orElse(FallDetectionParameters.defaults()), idleAfterMs);
    }

    void start(@Observes StartupEvent e) {
        if (enabled) {
            // QoS 0 as the watches send it: motion is a stream, not a record that must survive.
            mqtt.consume("motion", Map.of(Topics.MOTION + "+", 0), this::onWindow);
        }
    }

    Uni<Void> onWindow(IncomingMessage m) {
        MotionWindow w;
        try {
            w = json.readValue(m.payload(), MotionWindow.class);
        } catch (Exception bad) {
            metrics.counter("eldercare.alert.motion.rejected").increment();
            return Uni.createFrom().voidItem();
        }
        if (w.deviceId() == null || w.acc() == null || w.hz() <= 0 || Math.floorMod(w.deviceId().hashCode(), partitions) != partition) {
            return Uni.createFrom().voidItem();
        }
        Optional<FallDetection> fall = accept(w);
        if (fall.isEmpty() || w.elderId() == null) {
            return Uni.createFrom().voidItem();
        }
        FallDetection f = fall.get();
        metrics.counter("eldercare.alert.motion.falls").increment();
        LOG.infof("fall detected from motion of %s: %s", w.deviceId(), f.explanation());
        return alerts.inTransaction((c, after) -> alerts.raise(c, new NewAlert(w.elderId(), AlertKind.FALL, w.deviceId(),
                "motion:" + w.deviceId() + ":" + f.impactEpochMs(), Instant.ofEpochMilli(f.impactEpochMs()), null,
                "fall detected on the server from wrist motion: " + f.explanation(), false), Instant.now(), after)).replaceWithVoid();
    }

    Optional<FallDetection> accept(MotionWindow w) {
        try {
            return bank.accept(w.deviceId(), w.ts(), w.hz(), w.acc(), System.currentTimeMillis());
        } catch (RuntimeException bad) {
            metrics.counter("eldercare.alert.motion.rejected").increment();
            return Optional.empty();
        }
    }

    @Scheduled(every = "1m")
    void evictIdle() {
        bank.evictIdle(System.currentTimeMillis());
    }
}
