package org.eldercare.web;

import java.util.Map;

/**
 * Thrown by services for a request that cannot be honoured; becomes a problem+json answer with its
 * status. Use the factory methods so that the same situation always gets the same status.
 */
public class ProblemException extends RuntimeException {

    private final int status;
    private final String title;
    private final Map<String, Object> context;

    public ProblemException(int status, String title, String detail, Map<String, Object> context) {
        super(detail);
        this.status = status;
        this.title = title;
        this.context = context;
    }

    public static ProblemException badRequest(String detail) {
        return new ProblemException(400, "Bad request", detail, null);
    }

    public static ProblemException notFound(String detail) {
        return new ProblemException(404, "Not found", detail, null);
    }

    public static ProblemException conflict(String detail) {
        return new ProblemException(409, "Conflict", detail, null);
    }

    public static ProblemException conflict(String detail, Map<String, Object> context) {
        return new ProblemException(409, "Conflict", detail, context);
    }

    public static ProblemException forbidden(String detail) {
        return new ProblemException(403, "Forbidden", detail, null);
    }

    public static ProblemException unprocessable(String detail) {
        return new ProblemException(422, "Unprocessable request", detail, null);
    }

    public int status() {
        return status;
    }

    public String title() {
        return title;
    }

    public Map<String, Object> context() {
        return context;
    }
}
