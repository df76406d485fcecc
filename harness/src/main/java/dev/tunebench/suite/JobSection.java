package dev.tunebench.suite;

import dev.tunebench.finetune.HostedJobReader;
import dev.tunebench.finetune.TrainingJob;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * A model entry's {@code job:} (a hosted fine-tuning job's JSON) and {@code job_results:} (its result CSV):
 * read when the suite loads, so a bad file stops {@code validate} and {@code run} before any work. The job
 * is attached to every model the entry made (all checkpoints of a glob share it).
 */
final class JobSection {
    private JobSection() {
    }

    static void attach(YamlNode entry, Path dir, List<String> ids, List<ModelSpec> models) {
        YamlNode job = entry.get("job");
        YamlNode results = entry.get("job_results");
        if (!job.present()) {
            throw results.error("needs job: too (the job JSON the result file belongs to); add job: path/to/job.json.");
        }
        Path jobFile = file(job, dir);
        Path resultsFile = results.present() ? file(results, dir) : null;
        List<String> all = models.stream().map(ModelSpec::id).toList();
        TrainingJob read = HostedJobReader.read(jobFile, resultsFile, name -> resolve(name, models), all);
        models.replaceAll(m -> ids.contains(m.id()) ? positioned(m.withJob(read), read) : m);
    }

    /**
     * A model without a trainer_state.json (a served checkpoint) takes its place on the curve from the job's
     * checkpoint list, so the best-checkpoint analysis sees it.
     */
    private static ModelSpec positioned(ModelSpec m, TrainingJob job) {
        Double at = job.checkpoints().get(m.id());
        if (at == null || m.epoch() != null || m.step() != null) {
            return m;
        }
        return new ModelSpec(m.id(), m.folder(), m.role(), job.bySteps() ? null : at, job.bySteps() ? Long.valueOf(at.longValue()) : null,
                m.runnerType(), m.runner(), m.generation(), job);
    }

    /** A name in a job file is a suite model's id, or the model/deployment name a served model is asked for. */
    private static Optional<String> resolve(String name, List<ModelSpec> models) {
        for (ModelSpec m : models) {
            if (m.id().equals(name) || Optional.of(name).equals(served(m, "model"))
                    || Optional.of(name).equals(served(m, "deployment"))) {
                return Optional.of(m.id());
            }
        }
        return Optional.empty();
    }

    private static Optional<String> served(ModelSpec m, String key) {
        return m.runner().options().has(key) ? m.runner().options().text(key) : Optional.empty();
    }

    private static Path file(YamlNode node, Path dir) {
        Path file = dir.resolve(node.text()).normalize();
        if (!Files.isRegularFile(file)) {
            throw node.error("file not found: " + file + "; paths are relative to the suite file's folder.");
        }
        return file;
    }
}
