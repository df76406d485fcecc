package dev.tunebench.suite;

import dev.tunebench.spi.Decoding;
import dev.tunebench.spi.GenerationSettings;

import java.util.List;
import java.util.Objects;

/**
 * Generation settings as one layer gives them (suite, model or command line): {@code null} means
 * "not set here", which is different from "set to the default".
 */
public record GenerationOverrides(Integer maxNewTokens, Decoding decoding, List<String> stopStrings) {

    public static final GenerationOverrides NONE = new GenerationOverrides(null, null, null);

    public GenerationOverrides {
        stopStrings = stopStrings == null ? null : List.copyOf(stopStrings);
    }

    /** This layer on top of {@code lower}: each field set here wins. */
    public GenerationOverrides over(GenerationOverrides lower) {
        return new GenerationOverrides(
                maxNewTokens != null ? maxNewTokens : lower.maxNewTokens,
                decoding != null ? decoding : lower.decoding,
                stopStrings != null ? stopStrings : lower.stopStrings);
    }

    /** The settings, with {@link Defaults} for whatever no layer set. */
    public GenerationSettings resolve() {
        return new GenerationSettings(
                Objects.requireNonNullElse(maxNewTokens, Defaults.MAX_NEW_TOKENS),
                Objects.requireNonNullElse(decoding, Defaults.DECODING),
                Objects.requireNonNullElse(stopStrings, List.of()));
    }

    /** The settings with this (higher) layer applied on top of already resolved ones. */
    public GenerationSettings applyTo(GenerationSettings resolved) {
        return over(new GenerationOverrides(resolved.maxNewTokens(), resolved.decoding(), resolved.stopStrings()))
                .resolve();
    }
}
