package dev.tunebench.data;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** Fluent checks on error messages, which tests compare by their informative parts. */
public record MessageAssert(String actual) {

    public static MessageAssert assertThat(String actual) {
        return new MessageAssert(actual);
    }

    public MessageAssert startsWith(String prefix) {
        assertTrue(actual.startsWith(prefix), () -> "expected a message starting with\n  " + prefix + "\nbut was\n  " + actual);
        return this;
    }

    public MessageAssert contains(String part) {
        assertTrue(actual.contains(part), () -> "expected a message containing\n  " + part + "\nbut was\n  " + actual);
        return this;
    }
}
