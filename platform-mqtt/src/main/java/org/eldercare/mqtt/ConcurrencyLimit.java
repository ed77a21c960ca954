package org.eldercare.mqtt;

import io.smallrye.mutiny.Uni;

import java.util.ArrayDeque;
import java.util.function.Supplier;

/**
 * At most {@code max} pieces of work running at once; the rest wait in arrival order. The broker
 * hands a consumer connection its whole in-flight window (hundreds of messages) at a time: a
 * handler that takes a database connection per message needs this so a burst cannot take the
 * whole pool, time out and have every message redelivered, while other work starves.
 */
public final class ConcurrencyLimit {

    private final int max;
    private final ArrayDeque<Runnable> waiting = new ArrayDeque<>();
    private int running;

    public ConcurrencyLimit(int max) {
        if (max < 1) {
            throw new IllegalArgumentException("max must be at least 1: " + max);
        }
        this.max = max;
    }

    /** Starts {@code work} as soon as fewer than {@code max} are running; completes with it. */
    public <T> Uni<T> run(Supplier<Uni<T>> work) {
        return Uni.createFrom().emitter(em -> {
            Runnable start = () -> {
                Uni<T> u;
                try {
                    u = work.get();
                } catch (RuntimeException e) {
                    u = Uni.createFrom().failure(e);
                }
                u.onTermination().invoke(this::done).subscribe().with(em::complete, em::fail);
            };
            boolean now;
            synchronized (waiting) {
                now = running < max;
                if (now) {
                    running++;
                } else {
                    waiting.add(start);
                }
            }
            if (now) {
                start.run();
            }
        });
    }

    /** Work running now (for metrics and tests). */
    public int running() {
        synchronized (waiting) {
            return running;
        }
    }

    /** Work waiting for a slot. */
    public int waiting() {
        synchronized (waiting) {
            return waiting.size();
        }
    }

    private void done() {
        Runnable next;
        synchronized (waiting) {
            next = waiting.poll();
            if (next == null) {
                running--;
            }
        }
        if (next != null) {
            next.run();
        }
    }
}
