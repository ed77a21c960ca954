package org.eldercare.localinfra.mqtt;

import java.util.Optional;

/** MQTT 5 shared-subscription names ({@code $share/<group>/<filter>}), taken apart. */
final class TopicFilters {

    static final String SHARE_PREFIX = "$share/";

    /** A {@code $share/<group>/<filter>} subscription, split into its parts. */
    record SharedFilter(String group, String filter) {
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
}
