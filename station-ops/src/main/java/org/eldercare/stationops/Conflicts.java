package org.eldercare.stationops;

import io.vertx.pgclient.PgException;
import jakarta.persistence.OptimisticLockException;
import org.eldercare.web.ProblemException;
import org.hibernate.StaleStateException;

import java.sql.SQLException;

/**
 * Two requests racing for the same record end in a database refusal; the loser gets a 409 that
 * says so, not a 500.
 */
public final class Conflicts {

    private static final String UNIQUE_VIOLATION = "23505";

    private Conflicts() {
    }

    public static Throwable translate(Throwable failure, String uniqueDetail) {
        for (Throwable c = failure; c != null; c = c.getCause()) {
            // Hibernate Reactive reports it as a java.sql.SQLException cause; the bare client as a PgException.
            if (c instanceof PgException pg && UNIQUE_VIOLATION.equals(pg.getSqlState())
                    || c instanceof SQLException sql && UNIQUE_VIOLATION.equals(sql.getSQLState())) {
                return ProblemException.conflict(uniqueDetail);
            }
            if (c instanceof OptimisticLockException || c instanceof StaleStateException) {
                return ProblemException.conflict("The record was changed by another request at the same time; reload it and try again.");
            }
        }
        return failure;
    }
}
