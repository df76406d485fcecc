package dev.tunebench.scoring;

import dev.tunebench.spi.GenerationSettings;
import dev.tunebench.spi.RunnerSettings;

import java.nio.file.Path;
import java.util.Objects;

/**
 * The model a {@code judge} scorer asks: a model of the suite or a runner entry of its own.
 *
 * @param folder null for a served judge, which has none
 */
public record JudgeModel(String id, String runnerType, Path folder, RunnerSettings runner, GenerationSettings generation) {
    public JudgeModel {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(runnerType, "runnerType");
        Objects.requireNonNull(runner, "runner");
        Objects.requireNonNull(generation, "generation");
    }
}
