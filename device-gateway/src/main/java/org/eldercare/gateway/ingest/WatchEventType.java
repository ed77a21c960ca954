package org.eldercare.gateway.ingest;

import org.eldercare.contracts.PlatformEventType;

/** The {@code type} values a watch may send on its events topic (device-protocol.md). */
public enum WatchEventType {
    FALL(PlatformEventType.FALL),
    FALL_CANCELLED(PlatformEventType.FALL_CANCELLED),
    SOS(PlatformEventType.SOS),
    CHECK_IN(PlatformEventType.CHECK_IN),
    WORN(PlatformEventType.WORN),
    REMOVED(PlatformEventType.REMOVED),
    LOW_BATTERY(PlatformEventType.LOW_BATTERY);

    private final PlatformEventType platformType;

    WatchEventType(PlatformEventType platformType) {
        this.platformType = platformType;
    }

    public PlatformEventType platformType() {
        return platformType;
    }

    static WatchEventType parse(String s) {
        for (WatchEventType t : values()) {
            if (t.name().equals(s)) {
                return t;
            }
        }
        return null;
    }
}
