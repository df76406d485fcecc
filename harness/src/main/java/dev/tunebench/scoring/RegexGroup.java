package dev.tunebench.scoring;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The first match of a precompiled pattern anywhere in the text; the group is given by {@code name}, or
 * by {@code number} when the name is null.
 */
record RegexGroup(Pattern pattern, int number, String name) implements Extractor {

    /** Reads {@code pattern} and {@code group}; without a group: group 1 if the pattern has one, else the match. */
    static RegexGroup from(Params params) {
        Pattern pattern = params.pattern("pattern")
                .orElseThrow(() -> params.error("pattern", "missing; give a regex, e.g. '\"intent\": *\"(\\w+)\"'"));
        int groups = pattern.matcher("").groupCount();
        if (params.raw("group") instanceof String name) {
            // Java 17 has no API listing named groups; (?<name>...) is the only syntax that declares one.
            if (!pattern.pattern().contains("(?<" + name + ">")) {
                throw params.error("group", "the pattern has no group named '" + name + "'");
            }
            return new RegexGroup(pattern, -1, name);
        }
        int number = params.count("group").orElse(groups >= 1 ? 1 : 0);
        if (number > groups) {
            throw params.error("group", "the pattern has " + groups + " group(s), so there is no group " + number
                    + "; expected 0.." + groups + " or a group name");
        }
        return new RegexGroup(pattern, number, null);
    }

    @Override
    public Extraction extract(String text) {
        Matcher m = pattern.matcher(text);
        if (!m.find()) {
            return Extraction.failed("no match for /" + pattern.pattern() + "/");
        }
        String value = name == null ? m.group(number) : m.group(name);
        return value == null
                ? Extraction.failed("group " + (name == null ? number : name) + " did not take part in the match")
                : Extraction.of(value);
    }
}
