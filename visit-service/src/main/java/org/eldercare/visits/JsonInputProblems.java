package org.eldercare.visits;

import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.eldercare.web.ProblemMappers;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * Quarkus REST's own mapper for {@link MismatchedInputException} (an unknown enum value inside a
 * list, say) is closer to the exception than platform-web's JsonProcessingException mapper and
 * answers plain JSON; this one, as close and user-defined, restores problem+json.
 */
public class JsonInputProblems {

    private final ProblemMappers problems = new ProblemMappers();

    @ServerExceptionMapper
    public Response mismatched(MismatchedInputException e, UriInfo uri) {
        return problems.unreadableJson(e, uri);
    }
}
