package org.eldercare.visits.outbox;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

/**
 * A successful write has committed by the time its response is sent, and may have queued messages:
 * start a relay round at once, so subscribers hear of it in milliseconds rather than at the next tick.
 */
public class RelayAfterWrites {

    private final OutboxRelay relay;

    public RelayAfterWrites(OutboxRelay relay) {
        this.relay = relay;
    }

    @ServerResponseFilter
    public void afterWrite(ContainerRequestContext request, ContainerResponseContext response) {
        String method = request.getMethod();
        if (response.getStatus() < 300 && (method.equals("POST") || method.equals("PUT"))) {
            relay.soon();
        }
    }
}
