package org.eldercare.gateway.device;

public enum DeviceStatus {
    ACTIVE,
    /** Taken out of service for good: its broker account is gone and its messages are refused. */
    RETIRED
}
