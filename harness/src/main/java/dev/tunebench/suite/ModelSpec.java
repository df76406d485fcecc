package dev.tunebench.suite;

import dev.tunebench.finetune.TrainingJob;
import dev.tunebench.spi.GenerationSettings;
import dev.tunebench.spi.RunnerSettings;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * One model of a suite with its effective settings (suite settings with the model's own overrides applied).
 * {@code folder} is empty for a served model (its runner options say where it is).
 *
 * @param epoch from {@code trainer_state.json}, null when the folder has none
 * @param step  {@code global_step} from {@code trainer_state.json}, null when absent
 * @param job   the hosted fine-tuning job behind this model ({@code job:} in the suite), null when none is given
 */
public record ModelSpec(String id, Optional<Path> folder, ModelRole role, Double epoch, Long step,
                        String runnerType, RunnerSettings runner, GenerationSettings generation, TrainingJob job) {

    public ModelSpec(String id, Optional<Path> folder, ModelRole role, Double epoch, Long step,
                     String runnerType, RunnerSettings runner, GenerationSettings generation) {
        this(id, folder, role, epoch, step, runnerType, runner, generation, null);
    }

    public ModelSpec {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(folder, "folder");
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(runnerType, "runnerType");
        Objects.requireNonNull(runner, "runner");
        Objects.requireNonNull(generation, "generation");
    }

    /** This model with a higher-precedence layer (the command line) applied to its runner settings. */
    public ModelSpec withRunner(RunnerOverrides higher) {
        RunnerOverrides merged = higher.over(RunnerOverrides.of(runnerType, runner));
        return new ModelSpec(id, folder, role, epoch, step, merged.resolveType(), merged.resolveSettings(), generation, job);
    }

    /** This model with a higher-precedence layer (the command line) applied to its generation settings. */
    public ModelSpec withGeneration(GenerationOverrides higher) {
        return new ModelSpec(id, folder, role, epoch, step, runnerType, runner, higher.applyTo(generation), job);
    }

    /** This model with the fine-tuning job that made it. */
    public ModelSpec withJob(TrainingJob trainingJob) {
        return new ModelSpec(id, folder, role, epoch, step, runnerType, runner, generation, trainingJob);
    }
}
