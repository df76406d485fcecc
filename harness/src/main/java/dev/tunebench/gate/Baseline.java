package dev.tunebench.gate;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tunebench.results.RunManifest;

/**
 * A blessed baseline (baselines/NAME.json): a run's manifest and summary and the per-row outcomes that
 * paired gates compare tonight's run with. {@code file} is where it was read from, for messages.
 */
public record Baseline(String name, String savedAt, String sourceRun, RunManifest manifest, JsonNode summary,
                       RunRows rows, String file) {

    public static final String KIND = "tunebench-baseline";
    public static final int SCHEMA_VERSION = 1;
}
