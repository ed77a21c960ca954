package org.eldercare.mqtt;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.netty.handler.codec.mqtt.MqttConnectReturnCode;
import io.netty.handler.codec.mqtt.MqttQoS;
import io.quarkus.vertx.core.runtime.context.VertxContextSafetyToggle;
import io.smallrye.common.vertx.VertxContext;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.mqtt.MqttClient;
import io.vertx.mqtt.MqttClientOptions;
import io.vertx.mqtt.messages.MqttPublishMessage;
import org.jboss.logging.Logger;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One connection to the broker that stays up: it reconnects with back-off after any loss, and
 * subscribes again. Publications with QoS 1 complete only when the broker's PUBACK arrives.
 * Consumed messages are acknowledged (PUBACK) only after their handler succeeded; with a persistent
 * session ({@code cleanSession=false}) the broker keeps what arrives while the service is down, and
 * redelivers what was never acknowledged when the connection comes back.
 *
 * <p>Intake is bounded here too, not only by the broker's in-flight window: once
 * {@link MqttSettings#maxUnacknowledged()} QoS 1 messages are being handled, the connection stops
 * reading from its socket until half of them are done. The broker then keeps the rest queued in
 * the session (within its own limits) instead of the service holding them in its heap. Under a
 * full-speed overload the broker was seen handing one gateway connection tens of thousands of
 * unacknowledged messages in two seconds, far past its configured window.
 *
 * <p>Everything touching the Vert.x client runs on the connection's own event-loop context.
 */
public final class MqttConnection {

    private static final Logger LOG = Logger.getLogger(MqttConnection.class);
    private static final long MAX_BACKOFF_MS = 10_000;

    private final Vertx vertx;
    private final Context context;
    private final MqttSettings settings;
    private final String clientId;
    private final boolean cleanSession;
    private final Map<String, Integer> subscriptions;
    private final MessageHandler handler;
    private final Map<Integer, Promise<Void>> awaitingPuback = new HashMap<>();
    private final Deque<Promise<Void>> waitingForConnection = new ArrayDeque<>();
    private final AtomicInteger inHandler = new AtomicInteger();
    /** Unacknowledged QoS 1 messages being handled; touched on the connection's context only. */
    private volatile int unacknowledged;
    /** Whether reading from the current socket is suspended because {@code unacknowledged} hit the bound. */
    private boolean readingPaused;
    private final Counter pauses;
    private final Counter received;
    private final Counter handlerFailures;
    private final Counter reconnects;
    private final Counter shed;

    private MqttClient client;
    private volatile boolean connected;
    private volatile boolean closed;
    private long backoffMs = 250;
    private volatile String lastError = "not connected yet";

    MqttConnection(Vertx vertx, MqttSettings settings, String clientId, boolean cleanSession,
                   Map<String, Integer> subscriptions, MessageHandler handler, MeterRegistry metrics) {
        this.vertx = vertx;
        this.context = vertx.getOrCreateContext();
        this.settings = settings;
        this.clientId = clientId;
        this.cleanSession = cleanSession;
        this.subscriptions = subscriptions;
        this.handler = handler;
        this.received = Counter.builder("eldercare.mqtt.received").tag("client", clientId)
                .description("Messages received from the broker").register(metrics);
        this.handlerFailures = Counter.builder("eldercare.mqtt.handler.failures").tag("client", clientId)
                .description("Messages whose handling failed and will be redelivered").register(metrics);
        this.reconnects = Counter.builder("eldercare.mqtt.reconnects").tag("client", clientId)
                .description("Connections to the broker lost and re-established").register(metrics);
        this.pauses = Counter.builder("eldercare.mqtt.intake.paused").tag("client", clientId)
                .description("Times reading from the broker was suspended because too many messages were unacknowledged")
                .register(metrics);
        this.shed = Counter.builder("eldercare.mqtt.shed").tag("client", clientId)
                .description("QoS 0 messages dropped because too many were being handled already").register(metrics);
    }

    public String clientId() {
        return clientId;
    }

    public boolean isConnected() {
        return connected;
    }

    public String lastError() {
        return lastError;
    }

    void start() {
        context.runOnContext(v -> connect());
    }

    private void connect() {
        if (closed) {
            return;
        }
        MqttClientOptions options = new MqttClientOptions()
                .setClientId(clientId)
                .setUsername(settings.username())
                .setPassword(settings.password())
                .setCleanSession(cleanSession)
                .setKeepAliveInterval(settings.keepAliveSeconds())
                .setAutoKeepAlive(true)
                .setMaxInflightQueue(settings.maxInflight())
                .setMaxMessageSize(settings.maxMessageSize())
                .setAckTimeout(30);
        options.setAutoAck(false);
        options.setSsl(settings.ssl());
        MqttClient c = MqttClient.create(vertx, options);
        client = c;
        readingPaused = false;
        c.publishHandler(this::onMessage);
        c.publishCompletionHandler(this::onPuback);
        c.publishCompletionExpirationHandler(id -> failPending(id, "no PUBACK from the broker in time"));
        c.exceptionHandler(e -> lastError = String.valueOf(e.getMessage()));
        c.closeHandler(v -> onClosed(c));
        c.connect(settings.port(), settings.host()).onComplete(ar -> {
            if (ar.failed() || ar.result().code() != MqttConnectReturnCode.CONNECTION_ACCEPTED) {
                lastError = ar.failed() ? String.valueOf(ar.cause().getMessage()) : "refused: " + ar.result().code();
                LOG.warnf("MQTT %s cannot connect to %s:%d: %s; retrying in %d ms", clientId, settings.host(),
                        settings.port(), lastError, backoffMs);
                c.disconnect();
                scheduleReconnect();
                return;
            }
            backoffMs = 250;
            if (subscriptions.isEmpty()) {
                markConnected();
                return;
            }
            c.subscribe(subscriptions).onComplete(sub -> {
                if (sub.failed()) {
                    lastError = "subscribe failed: " + sub.cause().getMessage();
                    c.disconnect();
                    return;
                }
                markConnected();
            });
        });
    }

    private void markConnected() {
        connected = true;
        lastError = null;
        LOG.infof("MQTT %s connected to %s:%d%s", clientId, settings.host(), settings.port(),
                subscriptions.isEmpty() ? "" : " subscribed to " + subscriptions.keySet());
        while (!waitingForConnection.isEmpty()) {
            waitingForConnection.poll().tryComplete();
        }
    }

    private void onClosed(MqttClient c) {
        if (c != client) {
            return;
        }
        boolean wasConnected = connected;
        connected = false;
        // Publications in flight on the lost connection are reported failed; their callers decide
        // whether to retry (the gateway does not acknowledge the device until they succeed).
        awaitingPuback.values().forEach(p -> p.tryFail("connection to the broker lost"));
        awaitingPuback.clear();
        if (wasConnected) {
            reconnects.increment();
            LOG.warnf("MQTT %s lost its connection; reconnecting", clientId);
        }
        scheduleReconnect();
    }

    private void scheduleReconnect() {
        if (closed) {
            return;
        }
        long delay = backoffMs;
        backoffMs = Math.min(MAX_BACKOFF_MS, backoffMs * 2);
        vertx.setTimer(delay, t -> context.runOnContext(v -> connect()));
    }

    private void onMessage(MqttPublishMessage msg) {
        received.increment();
        if (msg.qosLevel() == MqttQoS.AT_MOST_ONCE && inHandler.get() >= settings.maxInProgress()) {
            shed.increment();
            return;
        }
        IncomingMessage m = new IncomingMessage(msg.topicName(), msg.payload().getBytes(), msg.qosLevel().value(),
                msg.isDup(), msg.isRetain(), System.currentTimeMillis());
        MqttClient owner = client;
        inHandler.incrementAndGet();
        boolean confirmed = msg.qosLevel() != MqttQoS.AT_MOST_ONCE;
        if (confirmed && ++unacknowledged >= settings.maxUnacknowledged() && !readingPaused) {
            setReading(owner, false);
        }
        // A fresh duplicated context per message, marked safe, so handlers can use Hibernate Reactive.
        Context dup = VertxContext.createNewDuplicatedContext(context);
        VertxContextSafetyToggle.setContextSafe(dup, true);
        dup.runOnContext(v -> {
            Uni<Void> work;
            try {
                work = handler.handle(m);
            } catch (RuntimeException e) {
                work = Uni.createFrom().failure(e);
            }
            work.subscribe().with(
                    ok -> context.runOnContext(x -> {
                        inHandler.decrementAndGet();
                        handled(confirmed);
                        if (msg.qosLevel() != MqttQoS.AT_MOST_ONCE && owner == client && connected) {
                            msg.ack();
                        }
                    }),
                    failure -> context.runOnContext(x -> {
                        inHandler.decrementAndGet();
                        handled(confirmed);
                        handlerFailures.increment();
                        LOG.errorf(failure, "MQTT %s could not handle a message on %s; it will be redelivered",
                                clientId, m.topic());
                        // Not acknowledging is not enough: MQTT redelivers only on a new connection.
                        if (owner == client && connected) {
                            owner.disconnect();
                        }
                    }));
        });
    }

    /** On the connection's context: one confirmed message fewer in hand; reading resumes at half the bound. */
    private void handled(boolean confirmed) {
        if (confirmed) {
            unacknowledged--;
            if (readingPaused && unacknowledged <= settings.maxUnacknowledged() / 2) {
                setReading(client, true);
            }
        }
    }

    /**
     * Suspends or resumes reading from the broker's socket (Netty auto-read). What was already read
     * is still handed over, so the bound is exceeded by at most one socket read. The Vert.x MQTT
     * client offers no flow control of its own for incoming messages, hence the reach into its socket.
     */
    private void setReading(MqttClient c, boolean on) {
        io.netty.channel.Channel channel = channelOf(c);
        if (channel == null) {
            return;
        }
        readingPaused = !on;
        if (!on) {
            pauses.increment();
        }
        channel.config().setAutoRead(on);
    }

    /** The Vert.x MQTT client's socket field, looked up once rather than on every pause and resume. */
    private static volatile java.lang.reflect.Field socketField;

    private static io.netty.channel.Channel channelOf(MqttClient c) {
        if (c == null) {
            return null;
        }
        try {
            java.lang.reflect.Field f = socketField;
            if (f == null) {
                f = c.getClass().getDeclaredField("connection");
                f.setAccessible(true);
                socketField = f;
            }
            Object socket = f.get(c);
            return socket instanceof io.vertx.core.net.impl.NetSocketInternal s ? s.channelHandlerContext().channel() : null;
        } catch (ReflectiveOperationException | RuntimeException e) {
            throw new IllegalStateException("cannot reach the MQTT client's socket to bound its intake", e);
        }
    }

    /** Confirmed messages taken from the broker and not yet acknowledged (for metrics and tests). */
    public int unacknowledged() {
        return unacknowledged;
    }

    /** Whether reading from the broker is suspended at the moment (for tests). */
    public boolean readingPaused() {
        return readingPaused;
    }

    private void onPuback(int packetId) {
        Promise<Void> p = awaitingPuback.remove(packetId);
        if (p != null) {
            p.tryComplete();
        }
    }

    private void failPending(int packetId, String why) {
        Promise<Void> p = awaitingPuback.remove(packetId);
        if (p != null) {
            p.tryFail(why);
        }
    }

    /**
     * Publishes and completes when the broker has taken responsibility for the message: on PUBACK
     * for QoS 1, once written for QoS 0. Waits for a lost connection to come back for a while first.
     */
    public Uni<Void> publish(String topic, byte[] payload, int qos, boolean retain) {
        return Uni.createFrom().emitter(em -> {
            // Complete on the caller's context, not the connection's: a Hibernate Reactive session
            // used after the publish must stay on the thread it belongs to.
            Context caller = Vertx.currentContext();
            context.runOnContext(v -> {
                Promise<Void> done = Promise.promise();
                done.future().onComplete(ar -> {
                    Runnable finish = ar.succeeded() ? () -> em.complete(null) : () -> em.fail(ar.cause());
                    if (caller == null || caller == context) {
                        finish.run();
                    } else {
                        caller.runOnContext(x -> finish.run());
                    }
                });
                whenConnected().onComplete(c -> {
                    if (c.failed()) {
                        done.fail(new IllegalStateException("MQTT " + clientId + " is not connected to the broker: " + lastError));
                        return;
                    }
                    send(topic, Buffer.buffer(payload), qos, retain, done, 0);
                });
            });
        });
    }

    private void send(String topic, Buffer payload, int qos, boolean retain, Promise<Void> done, int attempt) {
        MqttClient c = client;
        c.publish(topic, payload, MqttQoS.valueOf(qos), false, retain).onComplete(ar -> {
            if (ar.failed()) {
                String msg = String.valueOf(ar.cause().getMessage());
                if (msg.contains("inflight") && attempt < 2000) {
                    // Too many unacknowledged publications: wait for PUBACKs to drain, then retry.
                    vertx.setTimer(5, t -> context.runOnContext(v -> send(topic, payload, qos, retain, done, attempt + 1)));
                } else {
                    done.tryFail(ar.cause());
                }
                return;
            }
            if (qos == 0) {
                done.tryComplete();
            } else if (c != client || !connected) {
                done.tryFail("connection to the broker lost");
            } else {
                awaitingPuback.put(ar.result(), done);
            }
        });
    }

    private io.vertx.core.Future<Void> whenConnected() {
        if (connected) {
            return io.vertx.core.Future.succeededFuture();
        }
        if (closed) {
            return io.vertx.core.Future.failedFuture("connection closed");
        }
        Promise<Void> p = Promise.promise();
        waitingForConnection.add(p);
        vertx.setTimer(settings.publishWaitSeconds() * 1000L, t -> context.runOnContext(v -> {
            if (waitingForConnection.remove(p)) {
                p.tryFail("timed out waiting for the broker");
            }
        }));
        return p.future();
    }

    /** Messages handed to the handler and not yet finished. */
    public int inProgress() {
        return inHandler.get();
    }

    void close() {
        closed = true;
        context.runOnContext(v -> {
            connected = false;
            if (client != null) {
                client.disconnect();
            }
        });
    }

    static Map<String, Integer> copy(Map<String, Integer> subscriptions) {
        return new ConcurrentHashMap<>(subscriptions);
    }
}
