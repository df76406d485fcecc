package dev.tunebench.runners.onnx;

import ai.onnxruntime.OrtException;
import dev.tunebench.runners.onnx.RowDecoder.GenerateRequest;
import dev.tunebench.spi.Generation;
import dev.tunebench.spi.GenerationSettings;
import dev.tunebench.spi.InputException;
import dev.tunebench.spi.Message;
import dev.tunebench.spi.Prompt;
import dev.tunebench.spi.PromptTokens;
import dev.tunebench.spi.RequestsFailed;
import dev.tunebench.spi.Runner;
import dev.tunebench.spi.RunnerInfo;
import dev.tunebench.spi.RunnerSettings;
import dev.tunebench.spi.TeacherForcedScore;
import dev.tunebench.spi.TokenListener;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Function;

/**
 * A causal LM folder on ONNX Runtime: the folder's template and tokenizer turn prompts into ids, the
 * decode loop generates in batches of {@link RunnerSettings#batchSize()}. Every prompt is checked
 * against the model's vocabulary and positions before anything runs.
 */
final class OnnxRunner implements Runner {
    private final ModelConfig config;
    private final RunnerSettings settings;
    private final TextTokenizer tokenizer;
    private final OnnxModel model;
    /** Made on first use: a folder without a chat template still runs from ids and describes itself. */
    private volatile PromptEncoder encoder;
    private final DecodeLoop loop;
    private final TeacherForcing forcing;
    private final int logitsWidth;
    private final int contextLength;
    private final RunnerInfo info;
    /** Limit of one batch, null for none. */
    private final Duration timeout;

    private OnnxRunner(ModelConfig config, RunnerSettings settings, TextTokenizer tokenizer, OnnxModel model) {
        this.config = config;
        this.settings = settings;
        this.tokenizer = tokenizer;
        this.model = model;
        // Unknown from graph and config: ids are then checked by the runtime alone.
        this.logitsWidth = model.contract.vocab() > 0 ? model.contract.vocab()
                : config.vocabSize() != null ? config.vocabSize() : Integer.MAX_VALUE;
        this.contextLength = config.contextLength() != null ? config.contextLength() : Integer.MAX_VALUE;
        int[] eos = config.eosTokenIds().stream().mapToInt(Integer::intValue).toArray();
        int pad = config.padTokenId() != null ? config.padTokenId() : eos[0];
        Function<int[], String> detokenizer = tokenizer::decode;
        this.loop = new DecodeLoop(model, eos, pad, contextLength, detokenizer);
        this.forcing = new TeacherForcing(model, pad, contextLength);
        this.info = RunnerDetails.info(config, settings, model, tokenizer);
        this.timeout = OnnxRunnerFactory.timeout(settings.options());
    }

    static OnnxRunner open(Path dir, RunnerSettings settings, GraphChoice choice) {
        Offline.ensure();
        ModelConfig config = ModelFolder.load(dir, choice);
        TextTokenizer tokenizer = TextTokenizer.open(config.tokenizerFile());
        try {
            return new OnnxRunner(config, settings, tokenizer, OnnxModel.open(config, settings));
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
        return encoder().render(prompt);
    }

    @Override
    public java.util.Optional<String> cacheIdentity() {
        return java.util.Optional.of(RunnerDetails.cacheIdentity(info));
    }

    @Override
    public int countPromptTokens(Prompt prompt) {
        return encoder().encode(prompt).length;
    }

    @Override
    public PromptTokens tokens(Prompt prompt, boolean addGenerationPrompt) {
        return encoder().tokens(prompt, addGenerationPrompt);
    }

    @Override
    public List<Generation> generate(List<Prompt> prompts, GenerationSettings settings) {
        return generate(prompts, settings, null, System.nanoTime());
    }

    /** Streams token by token: each row's text is sent as it is decoded and the row reported as it ends. */
    @Override
    public List<Generation> generate(List<Prompt> prompts, GenerationSettings settings, TokenListener listener) {
        return generate(prompts, settings, listener, System.nanoTime());
    }

    private List<Generation> generate(List<Prompt> prompts, GenerationSettings settings, TokenListener listener,
                                      long submit) {
        List<GenerateRequest> requests = new ArrayList<>(prompts.size());
        for (Prompt p : prompts) {
            List<String> stops = new ArrayList<>(p.stopStrings());
            stops.addAll(settings.stopStrings());
            String text = encoder().render(p);
            requests.add(new GenerateRequest(text, checked(encoder().encodeRendered(text)), stops));
        }
        return run(requests, settings, submit, listener);
    }

    @Override
    public List<Generation> generateFromIds(List<int[]> promptIds, GenerationSettings settings) {
        long submit = System.nanoTime();
        List<GenerateRequest> requests = new ArrayList<>(promptIds.size());
        for (int[] ids : promptIds) {
            long[] wide = new long[ids.length];
            for (int i = 0; i < ids.length; i++) {
                wide[i] = ids[i];
            }
            requests.add(new GenerateRequest("", checked(wide), settings.stopStrings()));
        }
        return run(requests, settings, submit, null);
    }

    @Override
    public List<TeacherForcedScore> score(List<List<Message>> conversations) {
        List<TeacherForcing.Sequence> sequences = new ArrayList<>(conversations.size());
        for (List<Message> conversation : conversations) {
            PromptEncoder.ScoringInput in = encoder().encodeForScoring(conversation);
            sequences.add(new TeacherForcing.Sequence(checked(in.ids()), in.target()));
        }
        List<TeacherForcedScore> out = new ArrayList<>(sequences.size());
        for (int from = 0; from < sequences.size(); from += settings.batchSize()) {
            List<TeacherForcing.Sequence> batch = sequences.subList(from, Math.min(sequences.size(), from + settings.batchSize()));
            try {
                out.addAll(forcing.score(batch));
            } catch (OrtException e) {
                throw runtimeFailure(e);
            }
        }
        return out;
    }

    /**
     * Batch by batch; a batch that runs past {@code timeout_s} is stopped and its requests become error samples
     * (as a served model's timeouts do), and the next batch still runs.
     */
    private List<Generation> run(List<GenerateRequest> requests, GenerationSettings generation, long submit,
                                 TokenListener listener) {
        List<Generation> out = new ArrayList<>(requests.size());
        List<String> errors = new ArrayList<>(requests.size());
        boolean timedOut = false;
        for (int from = 0; from < requests.size(); from += settings.batchSize()) {
            List<GenerateRequest> batch = requests.subList(from, Math.min(requests.size(), from + settings.batchSize()));
            Deadline deadline = null;
            try (Deadline d = Deadline.start(timeout)) {
                deadline = d;
                out.addAll(loop.run(batch, generation, submit, listener, from, d.options()));
                errors.addAll(Collections.nCopies(batch.size(), null));
            } catch (OrtException e) {
                if (deadline == null || !deadline.expired()) {
                    throw runtimeFailure(e);
                }
                timedOut = true;
                out.addAll(Collections.nCopies(batch.size(), null));
                errors.addAll(Collections.nCopies(batch.size(), "no answer within " + timeout.toSeconds()
                        + " s (timeout_s): ONNX Runtime was stopped"));
            }
        }
        if (timedOut) {
            throw new RequestsFailed(out, errors);
        }
        return out;
    }

    /** Token ids the graph can take: each below the logits width, no more than the model's positions. */
    private int[] checked(long[] ids) {
        if (ids.length == 0) {
            throw new InputException("The prompt is empty: the model needs at least one token to continue from.");
        }
        if (ids.length > contextLength) {
            throw new InputException("The prompt has " + ids.length + " tokens but " + model.file + " takes at most "
                    + contextLength + " positions (context length from " + config.dir().resolve(
                    config.genaiIo() != null ? "genai_config.json" : "config.json") + "). Shorten the prompt"
                    + " (fewer few-shot examples or a shorter system message).");
        }
        int[] out = new int[ids.length];
        for (int i = 0; i < ids.length; i++) {
            if (ids[i] < 0 || ids[i] >= logitsWidth) {
                throw new InputException("Token id " + ids[i] + " does not fit " + model.file + ", whose logits"
                        + " have " + logitsWidth + " entries: " + tokenizer.file() + " does not belong to this"
                        + " model (vocabulary mismatch). Put the tokenizer.json the model was exported with next to it.");
            }
            out[i] = (int) ids[i];
        }
        return out;
    }

    /** Workers share this runner: the encoder is made once, under the lock. */
    private PromptEncoder encoder() {
        PromptEncoder made = encoder;
        if (made == null) {
            synchronized (this) {
                made = encoder;
                if (made == null) {
                    made = new PromptEncoder(config, tokenizer);
                    encoder = made;
                }
            }
        }
        return made;
    }

    private IllegalStateException runtimeFailure(OrtException e) {
        return new IllegalStateException("ONNX Runtime failed while running " + model.file + ": " + e.getMessage(), e);
    }

    @Override
    public void close() {
        model.close();
        tokenizer.close();
    }
}
