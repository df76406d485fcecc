package dev.tunebench.perf;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tunebench.results.Json;
import dev.tunebench.stats.LatencySummary;
import dev.tunebench.stats.MetricEstimate;
import dev.tunebench.stats.StudentT;

import java.util.Locale;

/**
 * The JSON of perf results (docs/results-format.md, "perf"): one flat object per block so a figure is
 * one key ({@code ttft_ms_p99}), and one line per measured request. Undefined figures are NaN here;
 * writers of files turn them into null.
 */
public final class PerfJson {
    private static final double MB = 1024.0 * 1024.0;

    private PerfJson() {
    }

    public static ObjectNode block(PerfBlock block) {
        BlockSetup s = block.setup();
        PerfFigures f = block.figures();
        ResourceUsage r = block.resources();
        ObjectNode o = Json.MAPPER.createObjectNode();
        o.put("model", s.model());
        o.put("scenario", s.scenario().wireName());
        o.put("batch_size", s.batchSize());
        o.put("concurrency", s.concurrency());
        o.put("rate", s.rate());
        o.put("runner", s.runner());
        o.put("device", s.device());
        o.put("threads", s.threads());
        o.put("workers", s.workers());
        o.put("max_new_tokens", s.maxNewTokens());
        o.put("warmup_requests", s.warmupRequests());
        o.put("trials", f.trials());
        o.put("requests", f.requests());
        o.put("prompt_tokens", f.promptTokens());
        o.put("output_tokens", f.outputTokens());
        throughput(o, "output_tokens_per_s", f.outputTokensPerS());
        throughput(o, "total_tokens_per_s", f.totalTokensPerS());
        throughput(o, "requests_per_s", f.requestsPerS());
        o.put("interval_method", StudentT.METHOD);
        ArrayNode byTrial = o.putArray("output_tokens_per_s_by_trial");
        f.outputTokensPerSByTrial().forEach(byTrial::add);
        o.put("prefill_tokens_per_s", f.prefillTokensPerS());
        latency(o, "ttft_ms", f.ttft());
        latency(o, "tpot_ms", f.tpot());
        latency(o, "itl_ms", f.interToken());
        latency(o, "latency_ms", f.latency());
        latency(o, "queue_ms", f.queue());
        ArrayNode slos = o.putArray("slos");
        f.slos().forEach(slo -> slos.add(slo.toString()));
        o.put("good_requests", f.goodRequests());
        o.put("goodput_share", f.goodputShare());
        o.put("goodput_requests_per_s", f.goodputPerS());
        o.put("peak_heap_mb", r.peakHeapBytes() / MB);
        o.put("peak_rss_mb", r.peakRssBytes() == null ? Double.NaN : r.peakRssBytes() / MB);
        o.put("peak_rss_scope", r.rssPeakReset() ? "block" : "process");
        o.put("cpu_time_s", r.cpuNanos() / 1e9);
        o.put("wall_time_s", r.wallNanos() / 1e9);
        o.put("cpu_cores", r.cpuCores());
        return o;
    }

    public static ObjectNode request(BlockSetup s, RequestTiming r) {
        ObjectNode o = Json.MAPPER.createObjectNode();
        o.put("model", s.model());
        o.put("scenario", s.scenario().wireName());
        o.put("batch_size", s.batchSize());
        o.put("concurrency", s.concurrency());
        o.put("workers", s.workers());
        o.put("trial", r.trial());
        o.put("request", r.sequence());
        o.put("row_id", r.rowId());
        o.put("call", r.call());
        o.put("prompt_tokens", r.promptTokens());
        o.put("completion_tokens", r.completionTokens());
        o.put("finish_reason", r.finishReason().name().toLowerCase(Locale.ROOT));
        o.put("queue_ms", r.queueMs());
        o.put("ttft_ms", r.ttftMs());
        o.put("tpot_ms", r.tpotMs());
        o.put("latency_ms", r.latencyMs());
        ArrayNode gaps = o.putArray("itl_ms");
        for (double gap : r.timings().interTokenMs()) {
            gaps.add(gap);
        }
        return o;
    }

    private static void throughput(ObjectNode o, String name, MetricEstimate e) {
        o.put(name, e.value());
        o.put(name + "_ci_low", e.ciLow());
        o.put(name + "_ci_high", e.ciHigh());
    }

    private static void latency(ObjectNode o, String name, LatencySummary s) {
        o.put(name + "_mean", s.meanMs());
        o.put(name + "_p50", s.p50Ms());
        o.put(name + "_p90", s.p90Ms());
        o.put(name + "_p95", s.p95Ms());
        o.put(name + "_p99", s.p99Ms());
        o.put(name + "_max", s.maxMs());
    }
}
