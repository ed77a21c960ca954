package org.eldercare.gateway.ingest;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** A batch is written in key order whatever order it arrived in, so concurrent batches lock alike. */
class TelemetryKeyOrderTest {

    private static TelemetryStore.Item item(String device, String id, long ts) {
        return new TelemetryStore.Item(new Inbound.Telemetry(device, id, ts, 70, null, null, null, null, null), "e", 0);
    }

    @Test
    void rowsAreOrderedByDeviceThenIdThenTsAndCopiesKeepTheirArrivalOrder() {
        List<TelemetryStore.Item> arrived = List.of(item("w-2", "a", 5), item("w-1", "b", 1), item("w-1", "a", 9),
                item("w-1", "a", 3), item("w-2", "a", 5));
        assertEquals(List.of(3, 2, 1, 0, 4), Arrays.asList(TelemetryStore.keyOrder(arrived)),
                "w-1/a/3, w-1/a/9, w-1/b/1, then the two copies of w-2/a/5 first come first");
    }
}
