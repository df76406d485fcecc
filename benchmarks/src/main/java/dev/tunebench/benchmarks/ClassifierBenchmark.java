package dev.tunebench.benchmarks;

import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tunebench.spi.Generation;
import dev.tunebench.spi.GenerationSettings;
import dev.tunebench.spi.Message;
import dev.tunebench.spi.Prompt;
import dev.tunebench.spi.Runner;
import dev.tunebench.spi.RunnerFactories;
import dev.tunebench.spi.RunnerSettings;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

import java.io.IOException;
import java.nio.LongBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Rows/s of the onnx-classifier runner against a raw ONNX Runtime loop on the same model (the NLI demo's
 * ckpt-epoch-4) at batch 1 and batch 32: {@link #tunebench} is the runner's generate over the first 64 test pairs;
 * {@link #rawOrt} is the shortest loop one would write by hand for the same work: DJL pair encoding, right padding,
 * one session run per batch and a softmax. Both use one intra-op thread. The NLI suite folder is
 * {@code suites/nli} unless {@code -Dtunebench.nli=DIR} says otherwise.
 * Run: {@code benchmarks/run.sh ClassifierBenchmark}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class ClassifierBenchmark {
    static final int ROWS = 64;
    static final Path NLI = Path.of(System.getProperty("tunebench.nli", "suites/nli")).toAbsolutePath();

    static {
        System.setProperty("OPT_OUT_TRACKING", "true");
        System.setProperty("DJL_OFFLINE", "true");
    }

    @Param({"1", "32"})
    public int batch;

    private Runner runner;
    private List<Prompt> prompts;
    private List<String[]> pairs;
    private OrtEnvironment env;
    private OrtSession session;
    private HuggingFaceTokenizer tokenizer;
    private long padId;

    @Setup(Level.Trial)
    public void setUp() throws IOException, OrtException {
        Path model = NLI.resolve("models/ckpt-epoch-4");
        runner = RunnerFactories.find("onnx-classifier").open(model, new RunnerSettings("cpu", 1, batch));
        ObjectMapper json = new ObjectMapper();
        pairs = new ArrayList<>();
        for (String line : Files.readAllLines(NLI.resolve("data/test.jsonl")).subList(0, ROWS)) {
            JsonNode row = json.readTree(line);
            pairs.add(new String[]{row.get("premise").asText(), row.get("hypothesis").asText()});
        }
        prompts = pairs.stream().map(p -> Prompt.of(List.of(Message.user(p[0]), Message.user(p[1])))).toList();
        env = OrtEnvironment.getEnvironment();
        try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
            options.setIntraOpNumThreads(1);
            session = env.createSession(model.resolve("model.onnx").toString(), options);
        }
        tokenizer = HuggingFaceTokenizer.builder().optTokenizerPath(model.resolve("tokenizer.json"))
                .optTruncation(false).optPadding(false).optAddSpecialTokens(true).build();
        padId = json.readTree(model.resolve("config.json").toFile()).path("pad_token_id").asLong(0);
        // The two must agree before their speed means anything.
        List<Generation> viaRunner = runner.generate(prompts, GenerationSettings.greedy(1));
        double[][] raw = rawProbabilities();
        for (int i = 0; i < ROWS; i++) {
            double p = viaRunner.get(i).probabilities().values().iterator().next();
            if (Math.abs(p - raw[i][0]) > 1e-5) {
                throw new IllegalStateException("row " + i + ": runner " + p + " vs raw loop " + raw[i][0]);
            }
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() throws OrtException {
        runner.close();
        session.close();
        tokenizer.close();
    }

    @Benchmark
    @OperationsPerInvocation(ROWS)
    public List<Generation> tunebench() {
        return runner.generate(prompts, GenerationSettings.greedy(1));
    }

    @Benchmark
    @OperationsPerInvocation(ROWS)
    public double[][] rawOrt() throws OrtException {
        return rawProbabilities();
    }

    private double[][] rawProbabilities() throws OrtException {
        double[][] out = new double[ROWS][];
        for (int from = 0; from < ROWS; from += batch) {
            int n = Math.min(batch, ROWS - from);
            Encoding[] enc = new Encoding[n];
            int length = 0;
            for (int i = 0; i < n; i++) {
                enc[i] = tokenizer.encode(pairs.get(from + i)[0], pairs.get(from + i)[1]);
                length = Math.max(length, enc[i].getIds().length);
            }
            long[] ids = new long[n * length];
            long[] mask = new long[n * length];
            long[] types = new long[n * length];
            Arrays.fill(ids, padId);
            for (int i = 0; i < n; i++) {
                long[] e = enc[i].getIds();
                System.arraycopy(e, 0, ids, i * length, e.length);
                System.arraycopy(enc[i].getTypeIds(), 0, types, i * length, e.length);
                Arrays.fill(mask, i * length, i * length + e.length, 1L);
            }
            long[] shape = {n, length};
            Map<String, OnnxTensor> inputs = new HashMap<>();
            try {
                inputs.put("input_ids", OnnxTensor.createTensor(env, LongBuffer.wrap(ids), shape));
                inputs.put("attention_mask", OnnxTensor.createTensor(env, LongBuffer.wrap(mask), shape));
                inputs.put("token_type_ids", OnnxTensor.createTensor(env, LongBuffer.wrap(types), shape));
                try (OrtSession.Result result = session.run(inputs)) {
                    float[][] logits = (float[][]) result.get(0).getValue();
                    for (int i = 0; i < n; i++) {
                        out[from + i] = softmax(logits[i]);
                    }
                }
            } finally {
                inputs.values().forEach(OnnxTensor::close);
            }
        }
        return out;
    }

    private static double[] softmax(float[] logits) {
        double max = Double.NEGATIVE_INFINITY;
        for (float l : logits) {
            max = Math.max(max, l);
        }
        double[] p = new double[logits.length];
        double sum = 0;
        for (int i = 0; i < p.length; i++) {
            p[i] = Math.exp(logits[i] - max);
            sum += p[i];
        }
        for (int i = 0; i < p.length; i++) {
            p[i] /= sum;
        }
        return p;
    }
}
