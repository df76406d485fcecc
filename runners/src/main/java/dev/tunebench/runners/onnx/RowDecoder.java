package dev.tunebench.runners.onnx;

import dev.tunebench.spi.FinishReason;
import dev.tunebench.spi.Generation;
import dev.tunebench.spi.Timings;

import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The state of one request inside a batch: its generated ids, token time stamps, its own random
 * generator and its stop rules. Stop strings are found by decoding the generated ids after each token
 * and searching only the tail that could hold a new match. When streamed, the text that is safe to send
 * goes to a sink after each token and the rest when the row ends.
 */
final class RowDecoder {
    private final GenerateRequest request;
    private final int limit;
    private final boolean[] eos;
    private final Function<int[], String> detokenizer;
    final SplittableRandom random;
    /** Where streamed text goes, or null when the caller only wants the results. */
    private final Consumer<String> sink;
    private final StreamText stream;
    private final int[] ids;
    private final long[] stamps;
    private final int longestStop;
    private int count;
    private int stampCount;
    private int searchedLength;
    private FinishReason finish;
    private String text;
    private long endNanos;

    RowDecoder(GenerateRequest request, int limit, boolean[] eos, Function<int[], String> detokenizer, SplittableRandom random,
               Consumer<String> sink) {
        this.request = request;
        this.sink = sink;
        this.stream = sink == null ? null : new StreamText(request.stopStrings());
        this.limit = limit;
        this.eos = eos;
        this.detokenizer = detokenizer;
        this.random = random;
        this.ids = new int[limit];
        this.stamps = new long[limit + 1];
        this.longestStop = request.stopStrings().stream().mapToInt(String::length).max().orElse(0);
    }

    boolean done() {
        return finish != null;
    }

    /** Takes the token picked for this row at {@code nanos}; returns true when the request just ended. */
    boolean accept(int token, long nanos) {
        stamps[stampCount++] = nanos;
        if (token >= 0 && token < eos.length && eos[token]) {
            return finish(FinishReason.EOS, null);
        }
        ids[count++] = token;
        String sofar = longestStop > 0 || sink != null ? detokenizer.apply(Arrays.copyOf(ids, count)) : null;
        if (longestStop > 0) {
            int cut = firstStop(sofar, Math.max(0, searchedLength - longestStop + 1));
            searchedLength = sofar.length();
            if (cut >= 0) {
                return finish(FinishReason.STOP_STRING, sofar.substring(0, cut));
            }
        }
        if (sink != null && count < limit) {
            send(stream.advance(sofar));
        }
        return count == limit && finish(FinishReason.LENGTH, null);
    }

    private int firstStop(String sofar, int from) {
        int first = -1;
        for (String stop : request.stopStrings()) {
            int at = stop.isEmpty() ? -1 : sofar.indexOf(stop, from);
            if (at >= 0 && (first < 0 || at < first)) {
                first = at;
            }
        }
        return first;
    }

    private boolean finish(FinishReason reason, String cutText) {
        finish = reason;
        text = cutText != null ? cutText : detokenizer.apply(Arrays.copyOf(ids, count));
        endNanos = System.nanoTime();
        if (sink != null) {
            send(stream.finish(text));
        }
        return true;
    }

    private void send(String delta) {
        if (!delta.isEmpty()) {
            sink.accept(delta);
        }
    }

    Generation result(long submitNanos) {
        int[] completion = Arrays.copyOf(ids, count);
        return new Generation(request.renderedPrompt(), text, completion, request.ids().length, count, finish,
                new Timings(submitNanos, Arrays.copyOf(stamps, stampCount), endNanos));
    }

    /** One request to the decode loop: token ids, the text they came from (may be empty), stop strings. */
    record GenerateRequest(String renderedPrompt, int[] ids, List<String> stopStrings) {
        GenerateRequest {
            ids = ids.clone();
            stopStrings = List.copyOf(stopStrings);
        }
    }
}
