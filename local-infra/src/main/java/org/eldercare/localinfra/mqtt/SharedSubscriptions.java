package org.eldercare.localinfra.mqtt;

import io.moquette.broker.Server;
import io.moquette.broker.subscriptions.ISubscriptionsDirectory;
import io.moquette.broker.subscriptions.Subscription;
import io.moquette.broker.subscriptions.Topic;
import io.moquette.interception.AbstractInterceptHandler;
import io.moquette.interception.messages.InterceptConnectMessage;
import io.moquette.interception.messages.InterceptConnectionLostMessage;
import io.moquette.interception.messages.InterceptDisconnectMessage;
import io.moquette.interception.messages.InterceptSubscribeMessage;
import io.moquette.interception.messages.InterceptUnsubscribeMessage;
import java.lang.reflect.Field;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Moquette 0.17 has no shared subscriptions: it takes {@code $share/<group>/<filter>} as an
 * ordinary filter whose first level is the literal "$share", which no message ever matches. The
 * platform's consumers subscribe that way (platform-mqtt), so when a client subscribes to
 * {@code $share/<group>/<filter>} this adds a plain subscription of that client to
 * {@code <filter>} in Moquette's subscription directory. Messages then arrive on their real topic
 * with Moquette's normal QoS 1 handling (queued for offline persistent sessions, stored in H2,
 * kept across restarts); retained messages are not replayed, as MQTT 5 specifies for shared
 * subscriptions. What is missing is the load splitting: every subscriber of a group gets every
 * message, so replicas of one service would each handle each message (see docs/infrastructure.md).
 *
 * <p>Moquette has no public handle on its subscription directory; it is read once from the
 * server's private fields. The broker version is pinned in the parent pom, and the tests fail if
 * a new one moves them.
 */
final class SharedSubscriptions extends AbstractInterceptHandler {

    private static final Logger LOG = Logger.getLogger(SharedSubscriptions.class.getName());

    private final Server server;
    private volatile ISubscriptionsDirectory directory;
    /** Clean-session clients' plain subscriptions: Moquette forgets only the ones it made itself. */
    private final ConcurrentHashMap<String, Set<Topic>> addedForCleanSessions = new ConcurrentHashMap<>();
    private final Set<String> cleanSessionClients = ConcurrentHashMap.newKeySet();

    SharedSubscriptions(Server server) {
        this.server = server;
    }

    @Override
    public String getID() {
        return "local-infra-shared-subscriptions";
    }

    @Override
    public void onConnect(InterceptConnectMessage message) {
        if (message.isCleanSession()) {
            cleanSessionClients.add(message.getClientID());
        } else {
            cleanSessionClients.remove(message.getClientID());
        }
    }

    @Override
    public void onSubscribe(InterceptSubscribeMessage message) {
        TopicFilters.parseShared(message.getTopicFilter()).ifPresent(shared -> {
            Topic filter = Topic.asTopic(shared.filter());
            String clientId = message.getClientID();
            directory().add(new Subscription(clientId, filter, message.getRequestedQos()));
            if (cleanSessionClients.contains(clientId)) {
                addedForCleanSessions.computeIfAbsent(clientId, id -> ConcurrentHashMap.newKeySet()).add(filter);
            }
        });
    }

    @Override
    public void onUnsubscribe(InterceptUnsubscribeMessage message) {
        TopicFilters.parseShared(message.getTopicFilter()).ifPresent(shared -> {
            Topic filter = Topic.asTopic(shared.filter());
            directory().removeSubscription(filter, message.getClientID());
            Set<Topic> added = addedForCleanSessions.get(message.getClientID());
            if (added != null) {
                added.remove(filter);
            }
        });
    }

    @Override
    public void onDisconnect(InterceptDisconnectMessage message) {
        forgetCleanSession(message.getClientID());
    }

    @Override
    public void onConnectionLost(InterceptConnectionLostMessage message) {
        forgetCleanSession(message.getClientID());
    }

    @Override
    public void onSessionLoopError(Throwable error) {
        LOG.log(Level.WARNING, "Moquette session loop error", error);
    }

    private void forgetCleanSession(String clientId) {
        if (!cleanSessionClients.remove(clientId)) {
            return;
        }
        Set<Topic> added = addedForCleanSessions.remove(clientId);
        if (added != null) {
            added.forEach(filter -> directory().removeSubscription(filter, clientId));
        }
    }

    private ISubscriptionsDirectory directory() {
        ISubscriptionsDirectory found = directory;
        if (found == null) {
            try {
                Object postOffice = field(Server.class, "dispatcher").get(server);
                found = (ISubscriptionsDirectory) field(postOffice.getClass(), "subscriptions").get(postOffice);
            } catch (ReflectiveOperationException | RuntimeException e) {
                throw new IllegalStateException("this Moquette version keeps its subscriptions elsewhere", e);
            }
            directory = found;
        }
        return found;
    }

    private static Field field(Class<?> owner, String name) throws NoSuchFieldException {
        Field field = owner.getDeclaredField(name);
        field.setAccessible(true);
        return field;
    }
}
