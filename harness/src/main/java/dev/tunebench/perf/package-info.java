/**
 * Performance scenarios over the runner SPI: single-stream, an offline batch-size sweep and a server
 * under Poisson or closed-loop load. {@link dev.tunebench.perf.PerfRunner} opens runners, warms them up
 * and runs trials through a driver; {@link dev.tunebench.perf.PerfAggregator} folds the per-request
 * timings into latency percentiles (HdrHistogram), throughput with a Student-t interval across trials
 * and goodput against SLOs. The load generator reads an injected {@link dev.tunebench.perf.Ticker},
 * so drivers and aggregation are tested on a fake clock.
 */
package dev.tunebench.perf;
