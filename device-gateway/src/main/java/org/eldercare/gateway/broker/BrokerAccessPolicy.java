package org.eldercare.gateway.broker;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The broker accounts of watches and apps as Mosquitto dynamic-security commands. Mosquitto 2.0.11
 * does not substitute {@code %u}/{@code %c} in dynamic-security ACLs (tested: a role with
 * {@code devices/%u/#} lets nobody publish), so every account gets its own role with literal topics.
 */
public final class BrokerAccessPolicy {

    private BrokerAccessPolicy() {
    }

    public static String deviceRole(String deviceId) {
        return "device-" + deviceId;
    }

    public static String appRole(String userId) {
        return "app-" + userId;
    }

    /** A watch may publish and subscribe under its own device topics only; the client id must be the device id. */
    public static List<Map<String, Object>> upsertDevice(String deviceId, String secret) {
        String own = "eldercare/v1/devices/" + deviceId + "/#";
        return upsert(deviceId, secret, deviceId, deviceRole(deviceId), List.of(
                acl("publishClientSend", own), acl("subscribePattern", own)));
    }

    /**
     * An app publishes its locations and acks as a visitor or as a family user, and subscribes to its
     * own notifications. Any client id: a user may have a phone and a tablet.
     */
    public static List<Map<String, Object>> upsertApp(String userId, String password) {
        return upsert(userId, password, null, appRole(userId), List.of(
                acl("publishClientSend", "eldercare/v1/visitors/" + userId + "/location"),
                acl("publishClientSend", "eldercare/v1/visitors/" + userId + "/acks"),
                acl("publishClientSend", "eldercare/v1/users/" + userId + "/acks"),
                acl("subscribePattern", "eldercare/v1/users/" + userId + "/notifications")));
    }

    public static List<Map<String, Object>> deleteDevice(String deviceId) {
        return delete(deviceId, deviceRole(deviceId));
    }

    public static List<Map<String, Object>> deleteApp(String userId) {
        return delete(userId, appRole(userId));
    }

    /**
     * Delete then create: deleting also disconnects a client still logged in with the old secret,
     * which is what rotation must do. "Not found" and "already exists" answers are expected.
     */
    private static List<Map<String, Object>> upsert(String username, String password, String clientId, String role,
                                                    List<Map<String, Object>> acls) {
        List<Map<String, Object>> commands = new ArrayList<>();
        commands.add(Map.of("command", "deleteClient", "username", username));
        commands.add(Map.of("command", "deleteRole", "rolename", role));
        commands.add(Map.of("command", "createRole", "rolename", role, "acls", acls));
        Map<String, Object> create = new java.util.LinkedHashMap<>();
        create.put("command", "createClient");
        create.put("username", username);
        create.put("password", password);
        if (clientId != null) {
            create.put("clientid", clientId);
        }
        create.put("roles", List.of(Map.of("rolename", role, "priority", 0)));
        commands.add(create);
        return commands;
    }

    private static List<Map<String, Object>> delete(String username, String role) {
        return List.of(Map.of("command", "deleteClient", "username", username),
                Map.of("command", "deleteRole", "rolename", role));
    }

    private static Map<String, Object> acl(String type, String topic) {
        return Map.of("acltype", type, "topic", topic, "priority", 0, "allow", true);
    }

    /** Whether an error answer to a command is only the expected "nothing to delete / already there". */
    public static boolean harmless(String command, String error) {
        if (error == null) {
            return true;
        }
        String e = error.toLowerCase();
        return (command.startsWith("delete") && e.contains("not found"))
                || (command.equals("createRole") && e.contains("already exists"));
    }
}
