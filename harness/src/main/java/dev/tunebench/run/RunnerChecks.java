package dev.tunebench.run;

import dev.tunebench.data.DataSource;
import dev.tunebench.data.DatasetReader;
import dev.tunebench.data.Row;
import dev.tunebench.scoring.JudgeModel;
import dev.tunebench.scoring.JudgeScorer;
import dev.tunebench.scoring.Scorer;
import dev.tunebench.spi.InputException;
import dev.tunebench.spi.RunnerFactories;
import dev.tunebench.spi.RunnerFactory;
import dev.tunebench.suite.ModelSpec;
import dev.tunebench.technique.Technique;

import java.util.List;
import java.util.stream.Stream;

/** Checks every model's runner settings before anything runs, so a bad key or endpoint setting exits 2 at once. */
public final class RunnerChecks {
    private RunnerChecks() {
    }

    /** Checks the models and every judge scorer's model. */
    public static void check(List<ModelSpec> models, List<Scorer> scorers) {
        check(models);
        for (Scorer s : scorers) {
            if (s instanceof JudgeScorer judge) {
                JudgeModel m = judge.model();
                try {
                    RunnerFactories.find(m.runnerType()).check(m.folder(), m.runner());
                } catch (InputException e) {
                    throw new InputException("judge scorer '" + judge.name() + "': " + e.getMessage(), e);
                }
            }
        }
    }

    /** Each model's kind checks what each technique makes of the first data row (e.g. an API's stop-string limit). */
    public static void checkPrompts(List<ModelSpec> models, List<Technique> techniques, DataSource eval) {
        Row first;
        try (Stream<Row> rows = DatasetReader.open(eval)) {
            first = rows.findFirst().orElse(null);
        }
        if (first == null) {
            return;
        }
        for (ModelSpec m : models) {
            RunnerFactory factory = RunnerFactories.find(m.runnerType());
            for (Technique t : techniques) {
                try {
                    factory.checkPrompt(t.name(), t.apply(first), m.generation());
                } catch (InputException e) {
                    throw new InputException("model '" + m.id() + "': " + e.getMessage(), e);
                }
            }
        }
    }

    public static void check(List<ModelSpec> models) {
        for (ModelSpec m : models) {
            try {
                RunnerFactory factory = RunnerFactories.find(m.runnerType());
                factory.check(m.folder().orElse(null), m.runner());
                factory.checkModel(m.id(), m.folder().orElse(null), m.runner());
            } catch (InputException e) {
                throw new InputException("model '" + m.id() + "': " + e.getMessage(), e);
            }
        }
    }
}
