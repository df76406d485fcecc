package dev.tunebench.runners.replay;

import dev.tunebench.spi.RequestKey;

import java.util.Optional;

/**
 * The {@code custom_id} of a Batch API request that tunebench exported: {@code tb|MODEL|TECHNIQUE|ROW_ID|REPEAT},
 * each part with {@code %} and {@code |} percent-encoded, so the provider's output line names its request
 * without a lookup table, and a line meant for another model is recognised as such.
 */
public final class CustomId {
    private static final String PREFIX = "tb";

    private CustomId() {
    }

    public static String of(RequestKey key) {
        return String.join("|", PREFIX, escape(key.model()), escape(key.technique()), escape(key.rowId()),
                Integer.toString(key.repeat()));
    }

    /** The request a custom_id names, or empty when tunebench did not write it. */
    public static Optional<RequestKey> parse(String customId) {
        String[] parts = customId.split("\\|", -1);
        if (parts.length != 5 || !parts[0].equals(PREFIX) || !parts[4].matches("\\d{1,6}")) {
            return Optional.empty();
        }
        try {
            return Optional.of(new RequestKey(unescape(parts[1]), unescape(parts[2]), unescape(parts[3]),
                    Integer.parseInt(parts[4])));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static String escape(String s) {
        return s.replace("%", "%25").replace("|", "%7C");
    }

    private static String unescape(String s) {
        if (s.replaceAll("%(25|7C)", "").contains("%")) {
            throw new IllegalArgumentException("stray % in " + s);
        }
        return s.replace("%7C", "|").replace("%25", "%");
    }
}
