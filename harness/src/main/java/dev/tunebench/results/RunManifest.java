package dev.tunebench.results;

import java.util.List;
import java.util.Map;

/**
 * Provenance of a run (manifest.json): enough to know exactly what produced the numbers and to
 * rebuild summary.json from samples.jsonl alone. Fields are only ever added. See docs/results-format.md.
 */
public record RunManifest(
        int schemaVersion,
        String tunebenchVersion,
        String commandLine,
        String startedAt,
        String endedAt,
        boolean complete,
        List<String> problems,
        SuiteInfo suite,
        List<DataFile> data,
        List<ModelEntry> models,
        List<String> techniques,
        RunnerEntry runner,
        Settings settings,
        Machine machine,
        @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL)
        List<Map<String, String>> judges) {

    public static final String FILE_NAME = "manifest.json";
    public static final int SCHEMA_VERSION = 1;

    public RunManifest finished(String endedAt, boolean complete, List<String> problems, RunnerEntry runner, List<ModelEntry> models) {
        return new RunManifest(schemaVersion, tunebenchVersion, commandLine, startedAt, endedAt, complete, problems,
                suite, data, models, techniques, runner, settings, machine, judges);
    }

    /**
     * This manifest with each judge scorer's model, rubric hash, parameters and what its answers said of the
     * model ({@code system_fingerprint}), so a change of judge between runs shows.
     */
    public RunManifest withJudges(List<Map<String, String>> entries) {
        return new RunManifest(schemaVersion, tunebenchVersion, commandLine, startedAt, endedAt, complete, problems,
                suite, data, models, techniques, runner, settings, machine, entries.isEmpty() ? null : List.copyOf(entries));
    }

    /**
     * The suite and the choices of it that the summary needs; {@code scorers} maps each scorer's name to its
     * type (absent from manifests written before it was added).
     */
    public record SuiteInfo(String name, String file, String sha256, String baseline, String referenceTechnique,
                            Map<String, String> metrics, String currency, Checkpoints checkpoints,
                            Map<String, String> scorers) {
    }

    /** How the best checkpoint is chosen: {@code validation_loss} or a metric of one technique. */
    public record Checkpoints(String criterion, String technique, int patience, int keepLast) {
    }

    public record DataFile(String role, String file, String sha256, long rows) {
    }

    /**
     * One model: its role, checkpoint position, training history and file hashes, prices per 1K tokens;
     * for a served model, {@code served} holds the endpoint host, model or deployment, api_version and what
     * the answers reported ({@code response_model}, {@code system_fingerprint}); null for a local model.
     * {@code workers}: how many workers shared the model's runner in the quality run (null before it opened).
     */
    public record ModelEntry(String id, String role, String folder, Double epoch, Long step,
                             List<TrainPoint> trainHistory, Map<String, String> files,
                             double promptPricePer1k, double completionPricePer1k,
                             @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL)
                             Map<String, String> served,
                             @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL)
                             Integer workers) {

        public ModelEntry(String id, String role, String folder, Double epoch, Long step, List<TrainPoint> trainHistory,
                          Map<String, String> files, double promptPricePer1k, double completionPricePer1k) {
            this(id, role, folder, epoch, step, trainHistory, files, promptPricePer1k, completionPricePer1k, null, null);
        }

        public ModelEntry(String id, String role, String folder, Double epoch, Long step, List<TrainPoint> trainHistory,
                          Map<String, String> files, double promptPricePer1k, double completionPricePer1k,
                          Map<String, String> served) {
            this(id, role, folder, epoch, step, trainHistory, files, promptPricePer1k, completionPricePer1k, served, null);
        }

        public ModelEntry withFiles(Map<String, String> newFiles) {
            return new ModelEntry(id, role, folder, epoch, step, trainHistory, newFiles, promptPricePer1k, completionPricePer1k, served, workers);
        }

        public ModelEntry withServed(Map<String, String> newServed) {
            return new ModelEntry(id, role, folder, epoch, step, trainHistory, files, promptPricePer1k, completionPricePer1k, newServed, workers);
        }

        public ModelEntry withWorkers(Integer newWorkers) {
            return new ModelEntry(id, role, folder, epoch, step, trainHistory, files, promptPricePer1k, completionPricePer1k, served, newWorkers);
        }
    }

    /** One entry of trainer_state.json's history. */
    public record TrainPoint(Double epoch, Long step, Double trainLoss, Double validationLoss) {
    }

    public record RunnerEntry(String id, Map<String, String> versions, String device, int threads) {
    }

    /**
     * How the run executed. {@code threads} are ONNX Runtime intra-op threads (the session runs its graph
     * sequentially, so there is no inter-op pool); {@code perf} is the suite's perf section (scenarios,
     * batch sizes, concurrency, rate, SLOs) or null when it has none.
     */
    public record Settings(int batchSize, int threads, String device, int limit, String shard, int repeats,
                           long seed, long bootstrapSeed, int bootstrapResamples,
                           com.fasterxml.jackson.databind.JsonNode perf) {
    }

    public record Machine(String javaVersion, String os, String arch, int cpus, String cpuModel) {
        public static Machine current() {
            return new Machine(System.getProperty("java.version") + " " + System.getProperty("java.vendor"),
                    System.getProperty("os.name") + " " + System.getProperty("os.version"),
                    System.getProperty("os.arch"), Runtime.getRuntime().availableProcessors(), readCpuModel());
        }

        private static String readCpuModel() {
            try {
                for (String line : java.nio.file.Files.readAllLines(java.nio.file.Path.of("/proc/cpuinfo"))) {
                    if (line.startsWith("model name")) {
                        return line.substring(line.indexOf(':') + 1).trim();
                    }
                }
            } catch (java.io.IOException | RuntimeException e) {
                return "unknown";
            }
            return "unknown";
        }
    }
}
