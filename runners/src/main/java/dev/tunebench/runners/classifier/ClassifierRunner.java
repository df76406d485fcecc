package dev.tunebench.runners.classifier;

import ai.onnxruntime.OrtException;
import dev.tunebench.results.Hashing;
import dev.tunebench.spi.FinishReason;
import dev.tunebench.spi.Generation;
import dev.tunebench.spi.GenerationSettings;
import dev.tunebench.spi.InputException;
import dev.tunebench.spi.Message;
import dev.tunebench.spi.Prompt;
import dev.tunebench.spi.Role;
import dev.tunebench.spi.Runner;
import dev.tunebench.spi.RunnerInfo;
import dev.tunebench.spi.RunnerSettings;
import dev.tunebench.spi.TeacherForcedScore;
import dev.tunebench.spi.Timings;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An open classifier. {@link #generate} answers with the most probable label as the text and every label's
 * probability; requests are run in batches of the suite's batch size, and each request's latency is its batch's.
 * {@link #score} gives one "token" per conversation: the log-probability of the expected label (the last assistant
 * turn), so the engine's validation loss is the mean cross-entropy of the validation split.
 */
final class ClassifierRunner implements Runner {
    private final ClassifierFolder folder;
    private final RunnerSettings settings;
    private final PairTokenizer tokenizer;
    private final ClassifierGraph graph;
    private final RunnerInfo info;

    private ClassifierRunner(ClassifierFolder folder, RunnerSettings settings, PairTokenizer tokenizer, ClassifierGraph graph) {
        this.folder = folder;
        this.settings = settings;
        this.tokenizer = tokenizer;
        this.graph = graph;
        Map<String, String> hashes = new LinkedHashMap<>();
        for (var file : List.of(folder.model(), folder.tokenizer(), folder.dir().resolve(ClassifierFolder.CONFIG))) {
            hashes.put(folder.dir().relativize(file).toString(), Hashing.sha256(file));
        }
        Map<String, Object> details = new LinkedHashMap<>(graph.describe());
        details.put("labels", folder.labels());
        details.put("pad_token_id", folder.padId());
        details.put("max_position_embeddings", folder.maxPositions());
        this.info = new RunnerInfo(ClassifierRunnerFactory.ID, Map.of("onnxruntime", graph.runtimeVersion()),
                settings.device(), settings.intraOpThreads(), hashes, details);
    }

    static ClassifierRunner open(ClassifierFolder folder, RunnerSettings settings) {
        PairTokenizer tokenizer = PairTokenizer.open(folder.tokenizer());
        try {
            return new ClassifierRunner(folder, settings, tokenizer, ClassifierGraph.open(folder, settings, tokenizer));
        } catch (RuntimeException e) {
            tokenizer.close();
            throw e;
        }
    }

    @Override
    public RunnerInfo info() {
        return info;
    }

    @Override
    public String render(Prompt prompt) {
        return tokenizer.decode(tokenizer.encode(TextInput.of(prompt)).ids());
    }

    @Override
    public int countPromptTokens(Prompt prompt) {
        return tokenizer.encode(TextInput.of(prompt)).ids().length;
    }

    @Override
    public List<Generation> generate(List<Prompt> prompts, GenerationSettings generation) {
        List<Generation> out = new ArrayList<>(prompts.size());
        for (int from = 0; from < prompts.size(); from += settings.batchSize()) {
            List<Prompt> batch = prompts.subList(from, Math.min(prompts.size(), from + settings.batchSize()));
            long submit = System.nanoTime();
            List<PairTokenizer.Encoded> encoded = batch.stream().map(p -> encode(TextInput.of(p))).toList();
            double[][] probabilities = probabilities(encoded);
            long end = System.nanoTime();
            for (int i = 0; i < batch.size(); i++) {
                int best = argmax(probabilities[i]);
                Map<String, Double> byLabel = new LinkedHashMap<>();
                for (int c = 0; c < probabilities[i].length; c++) {
                    byLabel.put(folder.labels().get(c), probabilities[i][c]);
                }
                long[] ids = encoded.get(i).ids();
                out.add(new Generation(tokenizer.decode(ids), folder.labels().get(best), new int[]{best}, ids.length, 0,
                        FinishReason.EOS, new Timings(submit, new long[]{end}, end), List.of(), null, byLabel, null));
            }
        }
        return out;
    }

    @Override
    public List<Generation> generateFromIds(List<int[]> promptIds, GenerationSettings generation) {
        throw new UnsupportedOperationException("runner type " + ClassifierRunnerFactory.ID
                + " classifies texts; it does not generate from token ids.");
    }

    @Override
    public List<TeacherForcedScore> score(List<List<Message>> conversations) {
        List<PairTokenizer.Encoded> encoded = new ArrayList<>(conversations.size());
        int[] expected = new int[conversations.size()];
        for (int i = 0; i < conversations.size(); i++) {
            List<Message> turns = conversations.get(i);
            Message last = turns.get(turns.size() - 1);
            String label = last.content().strip();
            expected[i] = folder.labels().indexOf(label);
            if (last.role() != Role.ASSISTANT || expected[i] < 0) {
                throw new InputException("validation row " + (i + 1) + " of its batch expects label '" + label
                        + "', which is not one of the model's labels " + folder.labels() + " (id2label of "
                        + folder.dir().resolve(ClassifierFolder.CONFIG) + "); fix the data's label or the model's id2label.");
            }
            encoded.add(encode(TextInput.of(Prompt.of(turns.subList(0, turns.size() - 1)))));
        }
        List<TeacherForcedScore> out = new ArrayList<>(conversations.size());
        for (int from = 0; from < encoded.size(); from += settings.batchSize()) {
            float[][] logits = logits(encoded.subList(from, Math.min(encoded.size(), from + settings.batchSize())));
            for (int i = 0; i < logits.length; i++) {
                int label = expected[from + i];
                out.add(new TeacherForcedScore(new int[]{label}, new double[]{Softmax.logOf(logits[i], label)}));
            }
        }
        return out;
    }

    private PairTokenizer.Encoded encode(TextInput input) {
        PairTokenizer.Encoded e = tokenizer.encode(input);
        if (folder.maxPositions() > 0 && e.ids().length > folder.maxPositions()) {
            throw new InputException("the input is " + e.ids().length + " tokens, more than the model's "
                    + folder.maxPositions() + " (max_position_embeddings of " + folder.dir().resolve(ClassifierFolder.CONFIG)
                    + "); shorten the text.");
        }
        return e;
    }

    private float[][] logits(List<PairTokenizer.Encoded> encoded) {
        try {
            return graph.logits(encoded, folder.padId());
        } catch (OrtException e) {
            throw new IllegalStateException("ONNX Runtime failed on " + folder.model() + ": " + e.getMessage(), e);
        }
    }

    private double[][] probabilities(List<PairTokenizer.Encoded> encoded) {
        float[][] logits = logits(encoded);
        double[][] out = new double[logits.length][];
        for (int r = 0; r < logits.length; r++) {
            out[r] = Softmax.of(logits[r]);
        }
        return out;
    }

    private static int argmax(double[] p) {
        int best = 0;
        for (int i = 1; i < p.length; i++) {
            if (p[i] > p[best]) {
                best = i;
            }
        }
        return best;
    }

    @Override
    public void close() {
        graph.close();
        tokenizer.close();
    }
}
