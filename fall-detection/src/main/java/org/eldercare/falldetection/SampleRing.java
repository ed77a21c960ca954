package org.eldercare.falldetection;

/**
 * Bounded ring of recent samples addressed by absolute sample number (0 = first sample since the last reset).
 * Floats, not doubles: the watch reports about 3 significant digits and tens of thousands of devices share
 * the heap, so each sample costs 16 bytes (3 axes + a time offset in ms from {@link #baseEpochMs}).
 */
final class SampleRing {
    private float[] x;
    private float[] y;
    private float[] z;
    private int[] offsetMs;
    private long count;
    private long baseEpochMs;

    SampleRing(int capacity) {
        allocate(capacity);
    }

    private void allocate(int capacity) {
        x = new float[capacity];
        y = new float[capacity];
        z = new float[capacity];
        offsetMs = new int[capacity];
    }

    int capacity() {
        return x.length;
    }

    /** Grows the ring (keeping the newest samples) when a higher sampling rate needs more room. */
    void ensureCapacity(int capacity) {
        if (capacity <= x.length) {
            return;
        }
        float[] ox = x, oy = y, oz = z;
        int[] ot = offsetMs;
        int oldCapacity = ox.length;
        long first = oldest();
        allocate(capacity);
        for (long i = first; i < count; i++) {
            int from = (int) (i % oldCapacity);
            int to = (int) (i % capacity);
            x[to] = ox[from];
            y[to] = oy[from];
            z[to] = oz[from];
            offsetMs[to] = ot[from];
        }
    }

    void clear(long baseEpochMs) {
        count = 0;
        this.baseEpochMs = baseEpochMs;
    }

    boolean isEmpty() {
        return count == 0;
    }

    void add(long epochMs, double ax, double ay, double az) {
        if (epochMs - baseEpochMs > REBASE_AFTER_MS) {
            rebase(epochMs);
        }
        int slot = (int) (count % x.length);
        x[slot] = (float) ax;
        y[slot] = (float) ay;
        z[slot] = (float) az;
        offsetMs[slot] = (int) (epochMs - baseEpochMs);
        count++;
    }

    /** Offsets are ints; a device streaming for weeks without a gap would overflow them, so move the base. */
    private static final long REBASE_AFTER_MS = 1L << 30;

    private void rebase(long newBaseEpochMs) {
        int shift = (int) (newBaseEpochMs - baseEpochMs);
        for (long i = oldest(); i < count; i++) {
            offsetMs[(int) (i % x.length)] -= shift;
        }
        baseEpochMs = newBaseEpochMs;
    }

    /** Absolute number of the next sample to be added. */
    long end() {
        return count;
    }

    /** Absolute number of the oldest sample still held. */
    long oldest() {
        return Math.max(0, count - x.length);
    }

    long time(long i) {
        return baseEpochMs + offsetMs[slot(i)];
    }

    double x(long i) {
        return x[slot(i)];
    }

    double y(long i) {
        return y[slot(i)];
    }

    double z(long i) {
        return z[slot(i)];
    }

    double magnitude(long i) {
        int s = slot(i);
        return Math.sqrt((double) x[s] * x[s] + (double) y[s] * y[s] + (double) z[s] * z[s]);
    }

    long newestTime() {
        return time(count - 1);
    }

    /** First held sample whose time is >= epochMs (or {@link #end()} if none); times are non-decreasing. */
    long firstAtOrAfter(long epochMs) {
        long lo = oldest();
        long hi = count;
        while (lo < hi) {
            long mid = (lo + hi) >>> 1;
            if (time(mid) < epochMs) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    private int slot(long i) {
        if (i < oldest() || i >= count) {
            throw new IndexOutOfBoundsException("sample " + i + " not held (" + oldest() + ".." + count + ")");
        }
        return (int) (i % x.length);
    }
}
