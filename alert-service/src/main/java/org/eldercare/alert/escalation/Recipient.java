package org.eldercare.alert.escalation;

import java.util.List;

/**
 * One person or channel to tell about an alert. {@code channel} APP (MQTT to {@code address} = user
 * id), SMS ({@code address} = phone) or WEBHOOK ({@code address} = the emergency channel's name).
 */
public record Recipient(Role role, String channel, String address, String userId, List<String> actions) {

    public enum Role { VISITOR, FAMILY, STATION, NEARBY_VISITOR, EMERGENCY }

    public static final String APP = "APP";
    public static final String SMS = "SMS";
    public static final String WEBHOOK = "WEBHOOK";
}
