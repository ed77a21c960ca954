package org.eldercare.localinfra.mqtt;

import io.moquette.BrokerConstants;
import io.moquette.broker.Server;
import io.moquette.broker.config.MemoryConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;

/**
 * An MQTT 3.1.1 broker (Moquette) for machines without Mosquitto. Sessions, subscriptions and
 * queued QoS 1 messages live in an H2 store in {@code dataDir}, so a restart loses none of them.
 * Anonymous clients are refused; credentials and topic rights are decided by {@link GatewayBrokerAuth}.
 */
public final class EmbeddedBroker implements AutoCloseable {

    private final Server server;

    private EmbeddedBroker(Server server) {
        this.server = server;
    }

    public static EmbeddedBroker start(String bindAddress, int port, Path dataDir, GatewayBrokerAuth auth)
            throws IOException {
        Files.createDirectories(dataDir);
        Properties config = new Properties();
        config.setProperty(BrokerConstants.HOST_PROPERTY_NAME, bindAddress);
        config.setProperty(BrokerConstants.PORT_PROPERTY_NAME, Integer.toString(port));
        config.setProperty(BrokerConstants.WEB_SOCKET_PORT_PROPERTY_NAME, BrokerConstants.DISABLED_PORT_BIND);
        config.setProperty(BrokerConstants.PERSISTENCE_ENABLED_PROPERTY_NAME, "true");
        config.setProperty(BrokerConstants.DATA_PATH_PROPERTY_NAME, dataDir.toString());
        config.setProperty(BrokerConstants.PERSISTENT_QUEUE_TYPE_PROPERTY_NAME, "h2");
        config.setProperty(BrokerConstants.AUTOSAVE_INTERVAL_PROPERTY_NAME, "5");
        config.setProperty(BrokerConstants.ALLOW_ANONYMOUS_PROPERTY_NAME, "false");
        // As Mosquitto does: a clean-session client without an id gets one from the broker
        // (mosquitto_pub without -i relies on it). Devices are unaffected: the gateway checks their id.
        config.setProperty(BrokerConstants.ALLOW_ZERO_BYTE_CLIENT_ID_PROPERTY_NAME, "true");
        // A device whose rights were withdrawn must not keep receiving on subscriptions it made earlier.
        config.setProperty(BrokerConstants.REAUTHORIZE_SUBSCRIPTIONS_ON_CONNECT, "true");
        // Moquette's default limit is 8 KB; batched telemetry and care-circle documents are larger.
        config.setProperty(BrokerConstants.NETTY_MAX_BYTES_PROPERTY_NAME, Integer.toString(1024 * 1024));
        // Send PUBACKs at once: publishers wait for them (platform-mqtt's publish completes on PUBACK).
        config.setProperty(BrokerConstants.BUFFER_FLUSH_MS_PROPERTY_NAME,
                Integer.toString(BrokerConstants.IMMEDIATE_BUFFER_FLUSH));
        // Moquette reports usage to its authors unless told not to.
        config.setProperty(BrokerConstants.ENABLE_TELEMETRY_NAME, "false");

        Server server = new Server();
        server.startServer(new MemoryConfig(config), List.of(new SharedSubscriptions(server)), null, auth, auth);
        return new EmbeddedBroker(server);
    }

    public int port() {
        return server.getPort();
    }

    @Override
    public void close() {
        server.stopServer();
    }
}
