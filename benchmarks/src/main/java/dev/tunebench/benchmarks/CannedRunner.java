package dev.tunebench.benchmarks;

import dev.tunebench.spi.FinishReason;
import dev.tunebench.spi.Generation;
import dev.tunebench.spi.GenerationSettings;
import dev.tunebench.spi.Message;
import dev.tunebench.spi.Prompt;
import dev.tunebench.spi.Runner;
import dev.tunebench.spi.RunnerFactory;
import dev.tunebench.spi.RunnerInfo;
import dev.tunebench.spi.RunnerSettings;
import dev.tunebench.spi.TeacherForcedScore;
import dev.tunebench.spi.Timings;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A runner with no model, so the engine's own cost per sample can be measured: it answers the demo's
 * JSON labels in turn (continuing any assistant prefix), and returns a ChatML rendering of the prompt so
 * samples.jsonl lines are as long as with the real runner.
 */
final class CannedRunner implements Runner {
    static final RunnerFactory FACTORY = new RunnerFactory() {
        @Override
        public String id() {
            return "canned";
        }

        @Override
        public Runner open(Path modelDir, RunnerSettings settings) {
            return new CannedRunner();
        }
    };

    private static final String[] LABELS = {"refund", "delivery", "account", "network", "billing", "cancel"};
    private static final long[] TOKEN_NANOS = {1_000_000, 1_400_000, 1_800_000, 2_200_000, 2_600_000, 3_000_000, 3_400_000};
    private int next;

    @Override
    public RunnerInfo info() {
        return new RunnerInfo("canned", Map.of(), "cpu", 1, Map.of(), Map.of());
    }

    @Override
    public String render(Prompt prompt) {
        StringBuilder out = new StringBuilder(256);
        for (Message m : prompt.messages()) {
            out.append("<|im_start|>").append(m.role().wireName()).append('\n').append(m.content()).append("<|im_end|>\n");
        }
        return out.append("<|im_start|>assistant\n").append(prompt.assistantPrefix()).toString();
    }

    @Override
    public int countPromptTokens(Prompt prompt) {
        return render(prompt).length() / 4;
    }

    @Override
    public List<Generation> generate(List<Prompt> prompts, GenerationSettings settings) {
        List<Generation> out = new ArrayList<>(prompts.size());
        for (Prompt p : prompts) {
            String answer = "{\"intent\": \"" + LABELS[next++ % LABELS.length] + "\"}";
            String text = answer.startsWith(p.assistantPrefix()) ? answer.substring(p.assistantPrefix().length()) : answer;
            String rendered = render(p);
            out.add(new Generation(rendered, text, new int[6], rendered.length() / 4, 6, FinishReason.EOS,
                    new Timings(0, TOKEN_NANOS, 3_500_000)));
        }
        return out;
    }

    @Override
    public List<Generation> generateFromIds(List<int[]> promptIds, GenerationSettings settings) {
        throw new UnsupportedOperationException("the canned runner answers prompts only");
    }

    @Override
    public List<TeacherForcedScore> score(List<List<Message>> conversations) {
        throw new UnsupportedOperationException("the canned runner has no model to score with");
    }

    @Override
    public void close() {
    }
}
