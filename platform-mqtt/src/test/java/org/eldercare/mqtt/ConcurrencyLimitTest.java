package org.eldercare.mqtt;

import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.UniEmitter;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class ConcurrencyLimitTest {

    @Test
    void noMoreThanTheLimitRunAndTheRestStartInArrivalOrder() {
        ConcurrencyLimit limit = new ConcurrencyLimit(2);
        List<UniEmitter<? super Integer>> started = new ArrayList<>();
        List<Integer> startOrder = new ArrayList<>();
        AtomicInteger completed = new AtomicInteger();
        for (int i = 0; i < 5; i++) {
            int n = i;
            limit.run(() -> Uni.createFrom().<Integer>emitter(em -> {
                startOrder.add(n);
                started.add(em);
            })).subscribe().with(v -> completed.incrementAndGet(), failure -> { });
        }
        assertEquals(List.of(0, 1), startOrder);
        assertEquals(2, limit.running());
        assertEquals(3, limit.waiting());

        started.get(1).complete(1);
        assertEquals(List.of(0, 1, 2), startOrder, "a finished one lets the next waiting one start");
        started.get(0).fail(new IllegalStateException("storage failed"));
        assertEquals(List.of(0, 1, 2, 3), startOrder, "a failure frees its slot too");
        started.get(2).complete(2);
        started.get(3).complete(3);
        started.get(4).complete(4);
        assertEquals(4, completed.get());
        assertEquals(0, limit.running());
        assertEquals(0, limit.waiting());
    }

    @Test
    void workThatThrowsBeforeReturningFailsItsUniAndFreesTheSlot() {
        ConcurrencyLimit limit = new ConcurrencyLimit(1);
        Uni<Void> bad = limit.run(() -> {
            throw new IllegalArgumentException("bad");
        });
        assertThrows(IllegalArgumentException.class, () -> bad.await().indefinitely());
        assertEquals(0, limit.running());
        assertEquals("ok", limit.run(() -> Uni.createFrom().item("ok")).await().indefinitely());
    }

    @Test
    void aLimitBelowOneIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> new ConcurrencyLimit(0));
    }
}
