package org.eldercare.gateway.ingest;

import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.UniEmitter;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Collects single items into batches for one database round trip each: a batch goes out when it
 * is full, or {@code lingerMs} after its first item (at once for {@code lingerMs} 0: only what queued
 * while all lanes were busy travels together), and at most {@code maxConcurrent} batches are
 * in flight. While they are, new items queue up, so batches grow with load instead of round trips
 * multiplying. Each caller's Uni completes only when its batch did (or fails with it).
 *
 * @param <T> item
 * @param <R> per-item result; {@code flush} answers one per item, in order
 */
public final class Batcher<T, R> {

    /** Runs a task after a delay; the Vert.x timer in production. */
    public interface Timer {
        void schedule(long delayMs, Runnable task);
    }

    private record Pending<T, R>(T item, UniEmitter<? super R> emitter) {
    }

    private final int maxBatch;
    private final long lingerMs;
    private final int maxConcurrent;
    private final Function<List<T>, Uni<List<R>>> flush;
    private final Timer timer;
    private final Consumer<Integer> batchSizes;

    private List<Pending<T, R>> queue = new ArrayList<>();
    private int inFlight;
    private boolean timerArmed;

    public Batcher(int maxBatch, long lingerMs, int maxConcurrent, Function<List<T>, Uni<List<R>>> flush, Timer timer,
                   Consumer<Integer> batchSizes) {
        this.maxBatch = maxBatch;
        this.lingerMs = lingerMs;
        this.maxConcurrent = maxConcurrent;
        this.flush = flush;
        this.timer = timer;
        this.batchSizes = batchSizes;
    }

    public Uni<R> submit(T item) {
        return Uni.createFrom().emitter(em -> {
            List<List<Pending<T, R>>> ready;
            synchronized (this) {
                queue.add(new Pending<>(item, em));
                if (queue.size() >= maxBatch || lingerMs <= 0) {
                    ready = takeReady();
                } else {
                    armTimer();
                    ready = List.of();
                }
            }
            ready.forEach(this::send);
        });
    }

    /** Items waiting for a batch, not counting those in flight. */
    public synchronized int queued() {
        return queue.size();
    }

    private void armTimer() {
        if (!timerArmed) {
            timerArmed = true;
            timer.schedule(lingerMs, this::onTimer);
        }
    }

    private void onTimer() {
        List<List<Pending<T, R>>> ready;
        synchronized (this) {
            timerArmed = false;
            ready = takeReady();
        }
        ready.forEach(this::send);
    }

    /** Called with the lock held: cuts the queue into batches while there is room in flight. */
    private List<List<Pending<T, R>>> takeReady() {
        List<List<Pending<T, R>>> ready = new ArrayList<>();
        while (!queue.isEmpty() && inFlight < maxConcurrent) {
            List<Pending<T, R>> batch;
            if (queue.size() <= maxBatch) {
                batch = queue;
                queue = new ArrayList<>();
            } else {
                batch = new ArrayList<>(queue.subList(0, maxBatch));
                queue = new ArrayList<>(queue.subList(maxBatch, queue.size()));
            }
            inFlight++;
            ready.add(batch);
        }
        return ready;
    }

    private void send(List<Pending<T, R>> batch) {
        batchSizes.accept(batch.size());
        List<T> items = new ArrayList<>(batch.size());
        for (Pending<T, R> p : batch) {
            items.add(p.item());
        }
        Uni<List<R>> work;
        try {
            work = flush.apply(items);
        } catch (RuntimeException e) {
            work = Uni.createFrom().failure(e);
        }
        work.subscribe().with(results -> {
            afterFlush();
            for (int i = 0; i < batch.size(); i++) {
                batch.get(i).emitter().complete(results.get(i));
            }
        }, failure -> {
            afterFlush();
            for (Pending<T, R> p : batch) {
                p.emitter().fail(failure);
            }
        });
    }

    private void afterFlush() {
        List<List<Pending<T, R>>> ready;
        synchronized (this) {
            inFlight--;
            // What queued while the database was busy goes out at once: it has waited long enough.
            ready = takeReady();
        }
        ready.forEach(this::send);
    }
}
