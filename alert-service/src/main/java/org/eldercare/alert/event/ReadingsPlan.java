package org.eldercare.alert.event;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlClient;
import org.eldercare.alert.AfterCommit;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiFunction;

/**
 * What a batch of readings has to write, planned reading by reading in the batch's order: the
 * statements to run in one transaction (in that order, so each elder's readings keep theirs), the
 * elders they touch, and what the replica's memory learns once they are committed. A batch that
 * changes nothing plans nothing and costs no transaction.
 */
final class ReadingsPlan {

    private final Set<String> elders = new LinkedHashSet<>();
    private final List<BiFunction<SqlClient, AfterCommit, Uni<Void>>> writes = new ArrayList<>();
    private final List<Runnable> committed = new ArrayList<>();
    /** Writes this plan makes that other batches may wait for instead of repeating them. */
    private final Set<String> claims = new HashSet<>();
    /** Other batches' transactions already making a write this plan needs. */
    private final List<Uni<Void>> awaited = new ArrayList<>();
    /** Within the batch: what was planned already, so that the next reading need not plan it again. */
    private final Set<String> planned = new HashSet<>();
    private final Map<String, Long> endingExcursions = new HashMap<>();

    void write(String elderId, BiFunction<SqlClient, AfterCommit, Uni<Void>> write) {
        elders.add(elderId);
        writes.add(write);
    }

    /** Runs once the writes are committed (never if they fail: the batch comes again). */
    void whenCommitted(Runnable memory) {
        committed.add(memory);
    }

    /** This plan makes the write named {@code id}: a batch planned while it runs waits for it. */
    void claim(String id) {
        claims.add(id);
    }

    /** Another batch's transaction already makes a write this batch needs: done when it is committed. */
    void await(Uni<Void> transaction) {
        awaited.add(transaction);
    }

    Set<String> claims() {
        return claims;
    }

    List<Uni<Void>> awaited() {
        return awaited;
    }

    /** True the first time {@code what} is planned in this batch. */
    boolean firstInBatch(String what) {
        return planned.add(what);
    }

    /** True unless this batch already plans to end the excursion {@code key} as it was at {@code stamp}. */
    boolean endsExcursionFirst(String key, long stamp) {
        Long before = endingExcursions.put(key, stamp);
        return before == null || before != stamp;
    }

    boolean isEmpty() {
        return writes.isEmpty();
    }

    Set<String> elders() {
        return elders;
    }

    Uni<Void> run(SqlClient c, AfterCommit after) {
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (BiFunction<SqlClient, AfterCommit, Uni<Void>> w : writes) {
            chain = chain.call(() -> w.apply(c, after));
        }
        return chain;
    }

    void committed() {
        committed.forEach(Runnable::run);
    }
}
