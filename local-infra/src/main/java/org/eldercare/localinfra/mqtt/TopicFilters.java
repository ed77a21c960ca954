package org.eldercare.localinfra.mqtt;

import java.util.Optional;

/** MQTT topic-filter arithmetic (MQTT 3.1.1 section 4.7) for the shared-subscription bridge. */
final class TopicFilters {

    static final String SHARE_PREFIX = "$share/";

    /** A {@code $share/<group>/<filter>} subscription, split into its parts. */
    record SharedFilter(String group, String filter) {
        String subscribedAs() {
            return SHARE_PREFIX + group + "/" + filter;
        }

        /** The topic a message published on {@code topic} is re-published on for this group. */
        String bridgedTopic(String topic) {
            return SHARE_PREFIX + group + "/" + topic;
        }
    }

    private TopicFilters() {
    }

    static Optional<SharedFilter> parseShared(String subscription) {
        if (subscription == null || !subscription.startsWith(SHARE_PREFIX)) {
            return Optional.empty();
        }
        String rest = subscription.substring(SHARE_PREFIX.length());
        int slash = rest.indexOf('/');
        if (slash <= 0 || slash == rest.length() - 1) {
            return Optional.empty();
        }
        String group = rest.substring(0, slash);
        if (group.contains("+") || group.contains("#")) {
            return Optional.empty();
        }
        return Optional.of(new SharedFilter(group, rest.substring(slash + 1)));
    }

    static boolean matches(String filter, String topic) {
        if (topic.isEmpty() || topic.startsWith("$") && !filter.startsWith("$")) {
            // Wildcards at the first level never match system topics (section 4.7.2).
            return topic.equals(filter);
        }
        String[] f = filter.split("/", -1);
        String[] t = topic.split("/", -1);
        for (int i = 0; i < f.length; i++) {
            if (f[i].equals("#")) {
                return i == f.length - 1;
            }
            if (i >= t.length) {
                return false;
            }
            if (!f[i].equals("+") && !f[i].equals(t[i])) {
                return false;
            }
        }
        return f.length == t.length;
    }
}
