package dev.tunebench.runners.onnx;

import dev.tunebench.runners.onnx.template.Limits;
import dev.tunebench.spi.InputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static dev.tunebench.spi.Message.user;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Hostile templates (issue 21): each is refused with an input error naming the template file and what
 * was wrong, within a second or two, and never reads a file or class-path resource.
 */
class TemplateSandboxTest {
    private static final Path SOURCE = Path.of("models/hostile/tokenizer_config.json");

    static Stream<Arguments> hostile() {
        return Stream.of(
                Arguments.of("{% include 'tunebench-version.properties' %}", "without a template loader"),
                Arguments.of("{% import 'tunebench-version.properties' as v %}{{ v }}", "without a template loader"),
                Arguments.of("{% from 'tunebench-version.properties' import x %}", "without a template loader"),
                Arguments.of("{% extends 'tunebench-version.properties' %}", "without a template loader"),
                Arguments.of("{% for i in range(100000) %}{{ 'x' * 100 }}{% endfor %}", "more than 4000000 characters"),
                Arguments.of("{{ 'x' * 1000000000 }}", "more than 4000000 characters"),
                Arguments.of("{% set s = 'x' * 3000000 %}{{ s.replace('x', s) }}", "more than 4000000 characters"),
                Arguments.of("{% set s = 'x' * 3000000 %}{{ [s, s, s]|join }}", "more than 4000000 characters"),
                Arguments.of("{{ 'x'|center(1000000000) }}", "more than 4000000 characters"),
                Arguments.of("{{ {'a': 1}|tojson(indent=1000000000) }}", "more than 4000000 characters"),
                Arguments.of("{% set s = 'xy' * 1000000 %}{{ s ~ s ~ s }}", "more than 4000000 characters"),
                Arguments.of("{{ range(1000000000)|length }}", "Range too big"),
                Arguments.of("{% macro f(n) %}{{ f(n + 1) }}{% endmacro %}{{ f(0) }}", "recursion"),
                Arguments.of("{% macro f(n) %}{{ f(n) ~ f(n) }}{% endmacro %}{{ f(0) }}", "recursion"),
                Arguments.of("{{ " + "(".repeat(50_000) + "1" + ")".repeat(50_000) + " }}", "nests deeper"),
                Arguments.of("{% if true %}".repeat(5_000) + "x" + "{% endif %}".repeat(5_000), "nests deeper"),
                Arguments.of("{% for a in range(100000) %}{% for b in range(100000) %}{% endfor %}{% endfor %}",
                        "steps"),
                Arguments.of("{% set ns = namespace(l=[1]) %}{% for i in range(60) %}{% set ns.l = ns.l + ns.l %}"
                        + "{% endfor %}", "more than 4000000 characters"),
                Arguments.of("{{ messages.append(1) }}", "unsafe"),
                Arguments.of("{{ ''.__class__.__mro__ }}", "cannot render"));
    }

    /**
     * The default limits but a long watchdog, so that each case meets the limit it is about even on a
     * loaded machine; the watchdog has its own test.
     */
    @ParameterizedTest
    @MethodSource("hostile")
    void refusedQuicklyNamingTheFileAndTheLimit(String template, String reason) {
        Limits limits = new Limits(Limits.DEFAULT.maxChars(), Limits.DEFAULT.maxSteps(), 60_000,
                Limits.DEFAULT.maxDepth());
        ChatTemplate t = new ChatTemplate(template, SOURCE, Map.of("bos_token", "<s>"), Clock.systemUTC(), limits);
        long start = System.nanoTime();
        InputException e = assertThrows(InputException.class, () -> t.render(List.of(user("u")), true));
        long millis = (System.nanoTime() - start) / 1_000_000;
        assertTrue(e.getMessage().startsWith("The chat template in " + SOURCE), e.getMessage());
        assertTrue(e.getMessage().contains(reason), e.getMessage());
        assertTrue(millis < 5_000, "took " + millis + " ms: " + e.getMessage());
    }

    @Test
    void theWatchdogStopsARenderThatTakesTooLong() {
        Limits limits = new Limits(Limits.DEFAULT.maxChars(), Long.MAX_VALUE, 100, Limits.DEFAULT.maxDepth());
        ChatTemplate t = new ChatTemplate("{% for a in range(100000) %}{% for b in range(100000) %}{% endfor %}"
                + "{% endfor %}", SOURCE, Map.of(), Clock.systemUTC(), limits);
        long start = System.nanoTime();
        InputException e = assertThrows(InputException.class, () -> t.render(List.of(user("u")), true));
        long millis = (System.nanoTime() - start) / 1_000_000;
        assertTrue(e.getMessage().contains("ran longer than 100 ms") && e.getMessage().contains("hostile or broken"),
                e.getMessage());
        assertTrue(millis < 2_000, "took " + millis + " ms");
    }
}
