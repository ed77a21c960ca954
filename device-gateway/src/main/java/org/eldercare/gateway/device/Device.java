package org.eldercare.gateway.device;

import java.time.Instant;

/** A watch in the registry. The secret itself is never kept; see {@code Secrets}. */
public record Device(String deviceId, String model, String firmware, String serial, String imei, DeviceStatus status,
                     String elderId, Instant createdAt, Instant secretIssuedAt, Instant retiredAt) {
}
