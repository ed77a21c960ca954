package org.eldercare.visits.idempotency;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eldercare.web.ProblemException;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Makes the app's writes idempotent by their client id: the first write's answer is stored with it
 * (in the write's own transaction), a replay of the same content gets that answer again, and the
 * same id with other content is a conflict that shows both versions. Failed writes are not stored,
 * so a write refused because its turn had not come (a record before its visit's start) can be retried.
 */
@ApplicationScoped
public class Idempotency {

    /** @param stored true when this is the answer of an earlier write, already kept */
    public record Outcome(int status, JsonNode body, boolean stored) {
        public Outcome(int status, JsonNode body) {
            this(status, body, false);
        }
    }

    private final ObjectMapper json;

    public Idempotency(ObjectMapper json) {
        this.json = json;
    }

    /** Must run in a transaction. */
    public Uni<Outcome> once(String clientId, String caller, String operation, Object request, Supplier<Uni<Outcome>> work) {
        JsonNode requestTree = json.valueToTree(request);
        return ClientWrite.<ClientWrite>findById(clientId).chain(stored -> {
            if (stored != null) {
                return Uni.createFrom().item(replay(stored, clientId, caller, operation, requestTree));
            }
            return work.get()
                    // A twin of this write may have committed between our look-up and its effect showing
                    // (read committed): the "conflict" is then our own earlier write, so answer its replay.
                    .onFailure(e -> e instanceof ProblemException p && p.status() == 409).recoverWithUni(e ->
                            ClientWrite.<ClientWrite>find("clientId", clientId).firstResult().map(twin -> {
                                if (twin == null) {
                                    throw (ProblemException) e;
                                }
                                return replay(twin, clientId, caller, operation, requestTree);
                            }))
                    .call(outcome -> {
                        if (outcome.stored) {
                            return Uni.createFrom().voidItem();
                        }
                        ClientWrite w = new ClientWrite();
                        w.clientId = clientId;
                        w.caller = caller;
                        w.operation = operation;
                        w.requestJson = requestTree.toString();
                        w.status = outcome.status();
                        w.responseJson = outcome.body().toString();
                        w.createdAt = Instant.now();
                        return w.persist();
                    });
        });
    }

    private Outcome replay(ClientWrite stored, String clientId, String caller, String operation, JsonNode requestTree) {
        JsonNode storedRequest = read(stored.requestJson);
        if (stored.caller.equals(caller) && stored.operation.equals(operation) && storedRequest.equals(requestTree)) {
            return new Outcome(stored.status, read(stored.responseJson), true);
        }
        Map<String, Object> both = new LinkedHashMap<>();
        both.put("clientId", clientId);
        both.put("stored", Map.of("operation", stored.operation, "request", storedRequest));
        both.put("received", Map.of("operation", operation, "request", requestTree));
        throw ProblemException.conflict("clientId " + clientId + " was already used for a different write; "
                + "a retry must resend exactly the same content, a new write needs a new clientId.", both);
    }

    public JsonNode tree(Object o) {
        return json.valueToTree(o);
    }

    private JsonNode read(String s) {
        try {
            return json.readTree(s);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("unreadable idempotency record", e);
        }
    }
}
