package org.eldercare.mqtt;

import io.smallrye.mutiny.Uni;

/**
 * Handles one incoming message. The message is acknowledged to the broker only when the returned
 * Uni succeeds, so its effect must be stored by then. A failure means "could not handle it now"
 * (database down, say): the connection is dropped and the broker delivers it again. A message that
 * is simply bad must not fail: the handler quarantines it and succeeds, or it would come back forever.
 */
@FunctionalInterface
public interface MessageHandler {
    Uni<Void> handle(IncomingMessage message);
}
