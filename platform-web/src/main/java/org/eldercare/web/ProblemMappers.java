package org.eldercare.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Turns every failure of a REST call into {@code application/problem+json}. Callers' mistakes get a
 * 4xx that says what to fix; only a genuine fault of ours is a 500, and its detail leaks nothing.
 */
public class ProblemMappers {

    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);

    @ServerExceptionMapper
    public Response problem(ProblemException e, UriInfo uri) {
        return respond(new Problem("about:blank", e.title(), e.status(), e.getMessage(), path(uri), null, e.context()));
    }

    @ServerExceptionMapper
    public Response unauthorized(UnauthorizedException e, UriInfo uri) {
        return unauthenticated("A bearer token is required: send 'Authorization: Bearer <JWT>'.", uri);
    }

    @ServerExceptionMapper
    public Response authenticationFailed(AuthenticationFailedException e, UriInfo uri) {
        return unauthenticated("The bearer token was rejected: it is malformed, expired, or not signed by the platform's issuer.", uri);
    }

    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e, UriInfo uri) {
        String detail = e.getMessage() != null && !e.getMessage().isBlank()
                ? e.getMessage()
                : "Your role does not allow this operation.";
        return respond(new Problem("about:blank", "Forbidden", 403, detail, path(uri), null, null));
    }

    @ServerExceptionMapper
    public Response constraintViolation(ConstraintViolationException e, UriInfo uri) {
        List<Problem.FieldError> errors = e.getConstraintViolations().stream()
                .map(v -> new Problem.FieldError(field(v), v.getMessage()))
                .sorted(Comparator.comparing(Problem.FieldError::field))
                .toList();
        String detail = errors.stream().map(f -> f.field() + ": " + f.message()).collect(Collectors.joining("; "));
        return respond(new Problem("about:blank", "Invalid request", 400, detail, path(uri), errors, null));
    }

    @ServerExceptionMapper
    public Response unreadableJson(JsonProcessingException e, UriInfo uri) {
        String detail;
        if (e instanceof UnrecognizedPropertyException u) {
            detail = "Unknown field '" + u.getPropertyName() + "'.";
        } else if (e instanceof InvalidFormatException f) {
            detail = "Field '" + jsonPath(f) + "' has an invalid value " + quote(f.getValue()) + ": expected "
                    + f.getTargetType().getSimpleName() + ".";
        } else if (e instanceof MismatchedInputException m && !m.getPath().isEmpty()) {
            detail = "Field '" + jsonPath(m) + "' has the wrong type: expected " + simpleName(m.getTargetType()) + ".";
        } else {
            detail = "The request body is not valid JSON: " + e.getOriginalMessage();
        }
        return respond(new Problem("about:blank", "Malformed request body", 400, detail, path(uri), null, null));
    }

    /**
     * Quarkus REST's built-in mapper for this exception (a bad enum value inside a list, say) would
     * answer plain JSON; a mapper of our own for the exact type takes precedence.
     */
    @ServerExceptionMapper
    public Response mismatchedInput(MismatchedInputException e, UriInfo uri) {
        return unreadableJson(e, uri);
    }

    @ServerExceptionMapper
    public Response webApplication(WebApplicationException e, UriInfo uri) {
        int status = e.getResponse().getStatus();
        if (status >= 500) {
            LOG.error("Request failed", e);
        }
        String title = e.getResponse().getStatusInfo().getReasonPhrase();
        String detail = e.getMessage();
        if (status == 404 && (detail == null || detail.startsWith("HTTP 404"))) {
            detail = "No such resource: " + path(uri);
        } else if (status == 405) {
            detail = "This resource does not support that method.";
        } else if (status == 415) {
            detail = "Send the body as application/json.";
        }
        return respond(new Problem("about:blank", title, status, detail, path(uri), null, null));
    }

    @ServerExceptionMapper
    public Response unexpected(Exception e, UriInfo uri) {
        if (e.getCause() instanceof ProblemException p) {
            return problem(p, uri);
        }
        LOG.error("Unhandled failure of a request", e);
        return respond(new Problem("about:blank", "Internal error", 500,
                "The request could not be completed because of a fault in the service; it has been logged.", path(uri), null, null));
    }

    private Response unauthenticated(String detail, UriInfo uri) {
        return Response.status(401)
                .type(Problem.MEDIA_TYPE)
                .header("WWW-Authenticate", "Bearer")
                .entity(new Problem("about:blank", "Unauthorized", 401, detail, path(uri), null, null))
                .build();
    }

    private static Response respond(Problem problem) {
        return Response.status(problem.status()).type(Problem.MEDIA_TYPE).entity(problem).build();
    }

    private static String path(UriInfo uri) {
        return uri == null ? null : "/" + uri.getPath().replaceFirst("^/", "");
    }

    private static String field(ConstraintViolation<?> v) {
        String p = v.getPropertyPath().toString();
        // Drop the method and parameter position ("create.arg0.name" -> "name").
        String[] parts = p.split("\\.");
        if (parts.length > 2) {
            return String.join(".", java.util.Arrays.copyOfRange(parts, 2, parts.length));
        }
        return parts[parts.length - 1];
    }

    private static String jsonPath(MismatchedInputException e) {
        return e.getPath().stream()
                .map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
                .collect(Collectors.joining("."));
    }

    private static String simpleName(Class<?> c) {
        return c == null ? "another type" : c.getSimpleName();
    }

    private static String quote(Object v) {
        return v instanceof String s ? "'" + s + "'" : String.valueOf(v);
    }
}
