package dev.tunebench.checkpoint;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What the checkpoint curve says: the best checkpoint by a criterion (null when no checkpoint has a
 * value for it), whether training went on past the validation minimum, and which checkpoints to keep.
 */
public record CheckpointAnalysis(BestCheckpoint best, Overfitting overfitting, Retention retention) {

    public static final int DEFAULT_PATIENCE = 1;
    public static final int DEFAULT_KEEP_LAST = 1;

    /** Lowest validation loss, patience 1, keep the best and the last checkpoint. */
    public static CheckpointAnalysis analyze(List<CheckpointPoint> ordered) {
        return analyze(ordered, Criterion.validationLoss(), DEFAULT_PATIENCE, DEFAULT_KEEP_LAST);
    }

    /**
     * @param ordered   checkpoints in training order (epoch or step ascending), unique model ids
     * @param criterion what makes a checkpoint best
     * @param patience  consecutive validation-loss rises (with training loss falling) that flag overfitting
     * @param keepLast  how many of the latest checkpoints to keep besides the best
     */
    public static CheckpointAnalysis analyze(List<CheckpointPoint> ordered, Criterion criterion, int patience,
            int keepLast) {
        if (patience < 1) {
            throw new IllegalArgumentException("patience must be >= 1, got " + patience);
        }
        if (keepLast < 0) {
            throw new IllegalArgumentException("keepLast must be >= 0, got " + keepLast);
        }
        Set<String> seen = new HashSet<>();
        for (CheckpointPoint point : ordered) {
            if (!seen.add(point.model())) {
                throw new IllegalArgumentException("checkpoint model ids must be unique, '" + point.model() + "' repeats");
            }
        }
        BestCheckpoint best = best(ordered, criterion);
        return new CheckpointAnalysis(best, overfitting(ordered, patience), retention(ordered, best, keepLast));
    }

    static BestCheckpoint best(List<CheckpointPoint> ordered, Criterion criterion) {
        BestCheckpoint best = null;
        for (CheckpointPoint point : ordered) {
            Double value = criterion.valueAt(point);
            if (value != null && !value.isNaN() && (best == null || criterion.beats(value, best.value()))) {
                best = new BestCheckpoint(point.model(), criterion.name(), value);
            }
        }
        return best;
    }

    /**
     * Overfitting: validation loss rises at {@code patience} consecutive checkpoints while training loss
     * falls at each of them (Prechelt 1998, "Early Stopping — But When?", the UP criterion with the train
     * check that separates overfitting from a diverging run). Checkpoints without a validation loss are
     * skipped; a step where training loss was not recorded counts on the validation rise alone.
     */
    static Overfitting overfitting(List<CheckpointPoint> ordered, int patience) {
        List<CheckpointPoint> curve = ordered.stream().filter(p -> p.validationLoss() != null).collect(Collectors.toList());
        if (curve.size() < 2) {
            return new Overfitting(false, null, patience, "fewer than two checkpoints have a validation loss");
        }
        List<String> isolatedRises = new ArrayList<>();
        boolean alwaysFell = true;
        int runStart = -1;
        for (int i = 1; i < curve.size(); i++) {
            CheckpointPoint previous = curve.get(i - 1);
            CheckpointPoint current = curve.get(i);
            boolean rose = current.validationLoss() > previous.validationLoss();
            alwaysFell &= current.validationLoss() < previous.validationLoss();
            if (rose && !trainRose(previous, current)) {
                runStart = runStart < 0 ? i : runStart;
                if (i - runStart + 1 >= patience) {
                    return detected(curve, runStart, i, patience);
                }
            } else {
                if (rose) {
                    isolatedRises.add(current.model());
                }
                if (runStart >= 0) {
                    isolatedRises.add(curve.get(runStart).model());
                }
                runStart = -1;
            }
        }
        if (runStart >= 0) {
            isolatedRises.add(curve.get(runStart).model());
        }
        return new Overfitting(false, null, patience, notDetectedReason(alwaysFell, isolatedRises, patience));
    }

    private static boolean trainRose(CheckpointPoint previous, CheckpointPoint current) {
        return previous.trainLoss() != null && current.trainLoss() != null && current.trainLoss() >= previous.trainLoss();
    }

    private static Overfitting detected(List<CheckpointPoint> curve, int runStart, int runEnd, int patience) {
        List<CheckpointPoint> span = curve.subList(runStart - 1, runEnd + 1);
        String validation = span.stream().map(p -> format(p.validationLoss())).collect(Collectors.joining(" → "));
        boolean trainKnown = span.stream().allMatch(p -> p.trainLoss() != null);
        String train = trainKnown
                ? "while training loss fell (" + span.stream().map(p -> format(p.trainLoss()))
                        .collect(Collectors.joining(" → ")) + ")"
                : "(training loss not recorded for every checkpoint)";
        String from = curve.get(runStart).model();
        String where = patience == 1 ? "at " + from : "at " + patience + " consecutive checkpoints from " + from;
        String reason = "validation loss rose " + where + " (" + validation + ") " + train;
        return new Overfitting(true, from, patience, reason);
    }

    private static String notDetectedReason(boolean alwaysFell, List<String> isolatedRises, int patience) {
        if (alwaysFell) {
            return "validation loss fell at every checkpoint";
        }
        if (isolatedRises.isEmpty()) {
            return "validation loss never rose between checkpoints";
        }
        return "validation loss rose at " + String.join(", ", isolatedRises) + " but not for " + patience
                + " consecutive checkpoint" + (patience == 1 ? "" : "s") + " while training loss fell";
    }

    static Retention retention(List<CheckpointPoint> ordered, BestCheckpoint best, int keepLast) {
        List<String> keep = new ArrayList<>();
        List<String> mayDelete = new ArrayList<>();
        int firstKeptFromEnd = ordered.size() - keepLast;
        for (int i = 0; i < ordered.size(); i++) {
            String model = ordered.get(i).model();
            boolean isBest = best != null && best.model().equals(model);
            (isBest || i >= firstKeptFromEnd ? keep : mayDelete).add(model);
        }
        return new Retention(keep, mayDelete);
    }

    private static String format(double value) {
        return String.format(Locale.ROOT, "%.4g", value);
    }
}
