package dev.tunebench.runners.replay;

import dev.tunebench.results.Hashing;
import dev.tunebench.runners.http.RequestBody;
import dev.tunebench.runners.onnx.LocalTokenizer;
import dev.tunebench.spi.Generation;
import dev.tunebench.spi.GenerationSettings;
import dev.tunebench.spi.LocalCounts;
import dev.tunebench.spi.Message;
import dev.tunebench.spi.Prompt;
import dev.tunebench.spi.RequestKey;
import dev.tunebench.spi.RequestsFailed;
import dev.tunebench.spi.Runner;
import dev.tunebench.spi.RunnerInfo;
import dev.tunebench.spi.TeacherForcedScore;
import dev.tunebench.spi.Timings;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Answers each request from a file of outputs made elsewhere ({@link ReplayFile}), found by the request's
 * technique, row id and repeat. A request the file has no line for, or whose line records a failure, becomes
 * an error sample ({@link RequestsFailed}; the former marked {@link RequestsFailed#MISSING}). Token counts
 * the file lacks are counted with the {@code tokenizer:} folder when there is one; latency only where the
 * file has it. Lines no request asked for are reported by line number when the model is done.
 */
final class ReplayRunner implements Runner {
    /** Line numbers listed at most in a warning and in the manifest. */
    private static final int LISTED = 20;
    /** The rendered prompt of a replayed sample: the request's messages, as a served model's sample shows them. */
    private static final RequestBody MESSAGES = RequestBody.forBatch(false, null, "max_tokens", true, "");

    private final ReplayFile file;
    private final LocalTokenizer tokenizer;
    private final Set<ReplayFile.Key> used = new HashSet<>();

    /** @param tokenizer the {@code tokenizer:} folder, opened; or null */
    ReplayRunner(ReplayFile file, LocalTokenizer tokenizer) {
        this.file = file;
        this.tokenizer = tokenizer;
    }

    @Override
    public RunnerInfo info() {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("replay_file", file.files().stream().map(Path::toString).collect(Collectors.joining(", ")));
        details.put("replay_sha256", file.files().stream().map(Hashing::sha256).collect(Collectors.joining(", ")));
        details.put("replay_lines", file.lines());
        List<ReplayLine> unmatched = unmatched();
        if (!unmatched.isEmpty()) {
            details.put("replay_unmatched_lines", unmatched.size() + ": " + listed(unmatched));
        }
        return new RunnerInfo("replay", Map.of(), "none", 0, Map.of(), details);
    }

    @Override
    public String render(Prompt prompt) {
        return MESSAGES.messages(prompt).toString();
    }

    @Override
    public int countPromptTokens(Prompt prompt) {
        if (tokenizer != null) {
            return tokenizer.promptTokens(prompt);
        }
        throw new UnsupportedOperationException("a replayed model has no tokenizer; set tokenizer: to a folder with "
                + "the model's tokenizer to count here");
    }

    @Override
    public boolean teacherForcing() {
        return false;
    }

    @Override
    public List<Generation> generate(List<Prompt> prompts, GenerationSettings settings) {
        throw new UnsupportedOperationException("a replay runner answers only requests of a suite run, found by their "
                + "technique, row and repeat; it cannot generate for a bare prompt");
    }

    @Override
    public List<Generation> generate(List<RequestKey> keys, List<Prompt> prompts, GenerationSettings settings) {
        List<Generation> out = new ArrayList<>(keys.size());
        List<String> errors = new ArrayList<>(keys.size());
        boolean failed = false;
        for (int i = 0; i < keys.size(); i++) {
            ReplayFile.Key key = ReplayFile.Key.of(keys.get(i));
            ReplayLine line = file.answers().get(key);
            if (line != null) {
                synchronized (used) {
                    used.add(key);
                }
            }
            if (line instanceof ReplayLine.Answer a) {
                out.add(generation(prompts.get(i), a));
                errors.add(null);
            } else {
                out.add(null);
                errors.add(line == null
                        ? RequestsFailed.MISSING + names() + " has no line for " + key + " (custom_id "
                                + CustomId.of(keys.get(i)) + ")"
                        : line.where() + ": " + ((ReplayLine.Failed) line).message());
                failed = true;
            }
        }
        if (failed) {
            throw new RequestsFailed(out, errors);
        }
        return out;
    }

    private Generation generation(Prompt prompt, ReplayLine.Answer a) {
        int promptTokens = a.promptTokens() != null ? a.promptTokens()
                : tokenizer != null ? tokenizer.promptTokens(prompt) : Generation.UNKNOWN;
        int completionTokens = a.completionTokens() != null ? a.completionTokens()
                : tokenizer != null ? tokenizer.textTokens(a.text()) : Generation.UNKNOWN;
        Timings timings = a.latencyMs() == null ? null : Timings.latencyOnly(a.latencyMs());
        Generation g = new Generation(render(prompt), a.text(), new int[0], promptTokens, completionTokens,
                a.finishReason(), timings, a.toolCalls());
        // Counts from the file beside the folder's, as for a served model: the summary says when they differ.
        boolean fromFile = a.promptTokens() != null && a.completionTokens() != null;
        return tokenizer != null && fromFile
                ? g.withLocalCounts(new LocalCounts(tokenizer.promptTokens(prompt), tokenizer.textTokens(a.text())))
                : g;
    }

    @Override
    public List<Generation> generateFromIds(List<int[]> promptIds, GenerationSettings settings) {
        throw new UnsupportedOperationException("a replayed model takes no token ids");
    }

    @Override
    public List<TeacherForcedScore> score(List<List<Message>> conversations) {
        throw new UnsupportedOperationException("a file of outputs gives no log-probabilities, so no validation loss");
    }

    private String names() {
        return file.files().stream().map(f -> f.getFileName().toString()).collect(Collectors.joining(" or "));
    }

    /** Lines no request of this run asked for, in file order. */
    private List<ReplayLine> unmatched() {
        synchronized (used) {
            return file.answers().entrySet().stream().filter(e -> !used.contains(e.getKey())).map(Map.Entry::getValue)
                    .toList();
        }
    }

    /** {@code line 3} or {@code lines 3, 9}; {@code name:line} when there are several files. */
    private String listed(List<ReplayLine> lines) {
        boolean one = file.files().size() == 1;
        String shown = lines.stream().limit(LISTED).map(l -> one ? String.valueOf(l.line()) : l.where())
                .collect(Collectors.joining(", "));
        return (one ? lines.size() == 1 ? "line " : "lines " : "") + shown + (lines.size() > LISTED ? ", ..." : "");
    }

    @Override
    public void close() {
        List<ReplayLine> unmatched = unmatched();
        if (!unmatched.isEmpty()) {
            System.err.println("tunebench: " + file.files().stream().map(Path::toString).collect(Collectors.joining(", ")) + ": " + unmatched.size() + " line(s) matched no request of "
                    + "this run (" + listed(unmatched) + "): rows, techniques or repeats the run does not have, e.g. "
                    + "after --limit, --techniques or --shard, or a data file that changed since the export.");
        }
        if (tokenizer != null) {
            tokenizer.close();
        }
    }
}
