package org.eldercare.gateway.device;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** A watch to provision; without {@code deviceId} the platform picks one. */
public record NewDevice(
        @Pattern(regexp = "[A-Za-z0-9_-]{1,64}", message = "1-64 characters of A-Z a-z 0-9 _ -") String deviceId,
        @NotBlank @Size(max = 100) String model,
        @NotBlank @Size(max = 64) String firmware,
        @NotBlank @Size(max = 100) String serial,
        @Pattern(regexp = "[0-9]{14,16}", message = "14-16 digits") String imei) {
}
