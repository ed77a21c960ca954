package org.eldercare.gateway.broker;

/**
 * Which topics of device-protocol v1 a client may use: a watch only its own device topics, an app
 * user only their own visitor/user topics. The same rules the dynamic-security roles encode.
 */
public final class TopicRules {

    private TopicRules() {
    }

    public static boolean allowed(boolean isDevice, String username, String topic, String action) {
        if (topic.contains("+") || topic.contains("#") || username.contains("/")) {
            return false;
        }
        boolean publish = "publish".equals(action);
        boolean subscribe = "subscribe".equals(action);
        if (isDevice) {
            String own = "eldercare/v1/devices/" + username + "/";
            if (!topic.startsWith(own)) {
                return false;
            }
            String endpoint = topic.substring(own.length());
            return publish ? endpoint.equals("telemetry") || endpoint.equals("motion") || endpoint.equals("events")
                    || endpoint.equals("status")
                    : subscribe && (endpoint.equals("status") || endpoint.equals("commands"));
        }
        if (publish) {
            return topic.equals("eldercare/v1/visitors/" + username + "/location")
                    || topic.equals("eldercare/v1/visitors/" + username + "/acks")
                    || topic.equals("eldercare/v1/users/" + username + "/acks");
        }
        return subscribe && topic.equals("eldercare/v1/users/" + username + "/notifications");
    }
}
