package org.eldercare.mqtt;

/**
 * One message as it arrived from the broker. {@code receivedAt} is the platform's clock.
 */
public record IncomingMessage(String topic, byte[] payload, int qos, boolean duplicate, boolean retained,
                              long receivedAt) {
}
