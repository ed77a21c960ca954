package org.eldercare.gateway.ingest;

import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.UniEmitter;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.*;

class BatcherTest {

    final List<Runnable> timers = new ArrayList<>();
    final List<List<Integer>> flushed = new CopyOnWriteArrayList<>();
    final List<UniEmitter<? super List<String>>> pending = new CopyOnWriteArrayList<>();

    Batcher<Integer, String> batcher(int max, int concurrent) {
        return new Batcher<>(max, 5, concurrent, items -> {
            flushed.add(List.copyOf(items));
            return Uni.createFrom().emitter(pending::add);
        }, (delay, task) -> timers.add(task), size -> { });
    }

    static List<String> answers(List<Integer> items) {
        return items.stream().map(i -> "r" + i).toList();
    }

    @Test
    void aFullBatchGoesAtOnceAndEachCallerGetsItsOwnResult() {
        Batcher<Integer, String> b = batcher(3, 1);
        List<AtomicReference<String>> results = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            AtomicReference<String> r = new AtomicReference<>();
            results.add(r);
            b.submit(i).subscribe().with(r::set);
        }
        assertEquals(List.of(List.of(0, 1, 2)), flushed);
        pending.get(0).complete(answers(flushed.get(0)));
        assertEquals("r0", results.get(0).get());
        assertEquals("r2", results.get(2).get());
    }

    @Test
    void aPartialBatchWaitsForTheLingerTimer() {
        Batcher<Integer, String> b = batcher(10, 1);
        b.submit(1).subscribe().with(x -> { });
        b.submit(2).subscribe().with(x -> { });
        assertTrue(flushed.isEmpty());
        assertEquals(1, timers.size(), "one timer per batch, not per item");
        timers.get(0).run();
        assertEquals(List.of(List.of(1, 2)), flushed);
    }

    @Test
    void withoutLingerAnItemGoesAtOnceAndOnlyWhatQueuedBehindABusyLaneTravelsTogether() {
        Batcher<Integer, String> b = new Batcher<>(10, 0, 1, items -> {
            flushed.add(List.copyOf(items));
            return Uni.createFrom().emitter(pending::add);
        }, (delay, task) -> timers.add(task), size -> { });
        b.submit(1).subscribe().with(x -> { });
        assertEquals(List.of(List.of(1)), flushed, "sent without waiting for company");
        b.submit(2).subscribe().with(x -> { });
        b.submit(3).subscribe().with(x -> { });
        assertEquals(1, flushed.size(), "the only lane is busy");
        pending.get(0).complete(answers(flushed.get(0)));
        assertEquals(List.of(2, 3), flushed.get(1));
        assertTrue(timers.isEmpty(), "no timer without linger");
    }

    @Test
    void whileTheLimitIsInFlightItemsQueueAndGoTogetherAfterwards() {
        Batcher<Integer, String> b = batcher(2, 1);
        for (int i = 0; i < 7; i++) {
            b.submit(i).subscribe().with(x -> { });
        }
        assertEquals(1, flushed.size());
        assertEquals(5, b.queued());
        pending.get(0).complete(answers(flushed.get(0)));
        // the queue is cut into full batches as room frees up
        assertEquals(List.of(2, 3), flushed.get(1));
        pending.get(1).complete(answers(flushed.get(1)));
        pending.get(2).complete(answers(flushed.get(2)));
        assertEquals(List.of(6), flushed.get(3));
        assertEquals(0, b.queued());
    }

    @Test
    void aFailedBatchFailsEveryCallerInIt() {
        Batcher<Integer, String> b = batcher(2, 2);
        AtomicReference<Throwable> f1 = new AtomicReference<>(), f2 = new AtomicReference<>();
        b.submit(1).subscribe().with(x -> { }, f1::set);
        b.submit(2).subscribe().with(x -> { }, f2::set);
        pending.get(0).fail(new IllegalStateException("db down"));
        assertEquals("db down", f1.get().getMessage());
        assertEquals("db down", f2.get().getMessage());
        // and the batcher goes on
        b.submit(3).subscribe().with(x -> { });
        b.submit(4).subscribe().with(x -> { });
        assertEquals(2, flushed.size());
    }

    @Test
    void worksWithARealTimer() {
        Batcher<Integer, String> b = new Batcher<>(100, 2, 2, items -> Uni.createFrom().item(answers(items)),
                (delay, task) -> new Thread(() -> {
                    try {
                        Thread.sleep(delay);
                    } catch (InterruptedException e) {
                        return;
                    }
                    task.run();
                }).start(), size -> { });
        assertEquals("r42", b.submit(42).await().atMost(Duration.ofSeconds(5)));
    }
}
