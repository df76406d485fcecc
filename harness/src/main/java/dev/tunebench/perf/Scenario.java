package dev.tunebench.perf;

import dev.tunebench.data.Suggestions;
import dev.tunebench.spi.InputException;

import java.util.Arrays;
import java.util.List;

/** The load patterns of MLPerf LoadGen, as far as a local runner can play them. */
public enum Scenario {
    /** One request at a time, the next issued when the previous completes: latency. */
    SINGLE_STREAM("single-stream"),
    /** The whole set at once, in batches of each swept size: peak throughput. */
    OFFLINE("offline"),
    /** Poisson arrivals at a rate, or a fixed number of clients: latency and goodput under load. */
    SERVER("server");

    private final String wireName;

    Scenario(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    /** Parses a wire name; {@code where} names the flag or suite field for the error message. */
    public static Scenario parse(String name, String where) {
        for (Scenario s : values()) {
            if (s.wireName.equals(name)) {
                return s;
            }
        }
        List<String> known = Arrays.stream(values()).map(Scenario::wireName).toList();
        throw new InputException(where + ": unknown scenario '" + name + "'" + Suggestions.didYouMean(name, known)
                + ". Scenarios: " + known + ".");
    }
}
