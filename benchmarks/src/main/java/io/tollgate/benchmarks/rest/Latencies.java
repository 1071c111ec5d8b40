package io.tollgate.benchmarks.rest;

import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/** What one step of a run saw: completions, projects, errors, and the latency of each kind of call. */
final class Latencies {

    private final Map<String, Histogram> byCall = new ConcurrentHashMap<>();
    final AtomicLong completions = new AtomicLong();
    final AtomicLong projects = new AtomicLong();
    final AtomicLong errors = new AtomicLong();

    void record(String call, long nanos) {
        byCall.computeIfAbsent(call, k -> new ConcurrentHistogram(TimeUnit.MINUTES.toMicros(5), 3))
                .recordValue(Math.max(1, TimeUnit.NANOSECONDS.toMicros(nanos)));
    }

    /** p50 and p99 in milliseconds, per call, in name order. */
    Map<String, double[]> percentiles() {
        Map<String, double[]> out = new TreeMap<>();
        byCall.forEach((call, h) -> out.put(call, new double[] {
                h.getValueAtPercentile(50) / 1000.0, h.getValueAtPercentile(99) / 1000.0, h.getTotalCount()}));
        return out;
    }
}
