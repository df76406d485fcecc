package dev.tunebench.spi;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Some requests of a {@link Runner#generate} call failed for good (after the runner's own retries) while
 * the others completed: each failed one becomes an error sample (counted as an error, not a wrong
 * answer; {@code --resume} tries it again), each completed one is scored as usual.
 */
public class RequestsFailed extends RuntimeException {
    /**
     * How an error starts when the runner has no answer for the request at all (a replay file without its
     * line), as opposed to a request that failed: the summary counts and lists these apart.
     */
    public static final String MISSING = "missing: ";

    private final transient List<Generation> generations;
    private final List<String> errors;

    /**
     * @param generations one per prompt, null where it failed
     * @param errors      one per prompt, null where it succeeded
     */
    public RequestsFailed(List<Generation> generations, List<String> errors) {
        super(count(errors) + " of " + errors.size() + " requests failed; first: " + first(errors));
        if (generations.size() != errors.size()) {
            throw new IllegalArgumentException("generations and errors differ in length");
        }
        this.generations = Collections.unmodifiableList(new ArrayList<>(generations));
        this.errors = Collections.unmodifiableList(new ArrayList<>(errors));
    }

    public List<Generation> generations() {
        return generations;
    }

    public List<String> errors() {
        return errors;
    }

    private static long count(List<String> errors) {
        return errors.stream().filter(e -> e != null).count();
    }

    private static String first(List<String> errors) {
        return errors.stream().filter(e -> e != null).findFirst().orElse("none");
    }
}
