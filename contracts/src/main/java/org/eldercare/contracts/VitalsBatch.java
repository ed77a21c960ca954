package org.eldercare.contracts;

import java.util.List;

/**
 * The VITALS events of one stored telemetry batch, published as one message on
 * {@link Topics#vitals(String)} instead of one message per sample: the broker then carries one
 * internal message per database batch rather than one per sample. Each element is exactly the
 * {@link PlatformEvent} of type {@link PlatformEventType#VITALS} that would otherwise have been
 * published on its own, in the order the samples were stored; consumers handle them one by one.
 * The per-sample form on {@code events/VITALS/{elderId}} remains valid for producers that use it.
 */
public record VitalsBatch(List<PlatformEvent> events) {
}
