package dev.tunebench.store;

/** One metric of one model × technique of a run, as summary.json gave it (interval bounds null when it has none). */
public record CellFigure(String model, String technique, String metric, Double value, Double ciLow, Double ciHigh,
                         Integer n) {
}
