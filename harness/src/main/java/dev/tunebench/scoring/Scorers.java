package dev.tunebench.scoring;

import dev.tunebench.spi.InputException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Function;

/** Builds scorers from their suite declarations. */
public final class Scorers {
    private Scorers() {
    }

    /**
     * Whether scorers of this type grade on a scale rather than pass or fail, so the summary reports each
     * as a metric of its own (named after the scorer) with an interval: rouge, bleu, chrf, edit_distance,
     * embedding_similarity, judge.
     */
    public static boolean isGraded(String type) {
        return ScorerType.byId(type).map(ScorerType::graded).orElse(false);
    }

    /** As {@link #create(ScorerSpec, Path)} with files resolved against the working directory. */
    public static Scorer create(ScorerSpec spec) {
        return create(spec, Path.of(""));
    }

    /**
     * Creates the scorer a spec declares, with its patterns and schemas compiled once, or throws
     * {@link InputException} naming {@code spec.where()}, the bad field, what was expected and the closest
     * known type. {@code baseDir} is the suite's folder, against which {@code schema_file} is resolved.
     */
    public static Scorer create(ScorerSpec spec, Path baseDir) {
        return create(spec, baseDir, id -> Optional.empty());
    }

    /** As {@link #create(ScorerSpec, Path)}; a {@code judge} scorer may name one of {@code suiteModels}. */
    public static Scorer create(ScorerSpec spec, Path baseDir, Function<String, Optional<JudgeModel>> suiteModels) {
        if (spec.name() == null || spec.name().isBlank()) {
            throw new InputException(spec.where() + ": name: missing; give the scorer a unique name");
        }
        if (spec.type() == null) {
            throw new InputException(spec.where() + ": type: missing; expected one of " + String.join(", ", ScorerType.ids()));
        }
        ScorerType type = ScorerType.byId(spec.type()).orElseThrow(() -> new InputException(spec.where()
                + ": type: unknown scorer type '" + spec.type() + "'; expected one of "
                + String.join(", ", ScorerType.ids()) + Names.didYouMean(spec.type(), ScorerType.ids())));
        Params params = new Params(spec, type);
        return switch (type) {
            case EXACT -> new ExactScorer(spec.name());
            case NORMALIZED -> NormalizedScorer.from(params);
            case CONTAINS -> ContainsScorer.from(params);
            case REGEX -> RegexScorer.from(params);
            case JSON_MATCH -> JsonMatchScorer.from(params);
            case JSON_SCHEMA -> JsonSchemaScorer.from(params, baseDir);
            case LABEL -> LabelScorer.from(params);
            case LENGTH -> LengthScorer.from(params);
            case JUDGE -> JudgeSpec.create(params, baseDir, suiteModels, JudgeScorer.runnerOpener());
            case TOOL_CALL -> ToolCallScorer.from(params);
            case ROUGE -> RougeScorer.from(params);
            case BLEU -> CorpusScorer.bleu(params);
            case CHRF -> CorpusScorer.chrf(params);
            case EDIT_DISTANCE -> EditDistanceScorer.from(params);
            case EMBEDDING_SIMILARITY -> EmbeddingScorer.from(params, baseDir, EmbeddingScorer.opener());
        };
    }
}
