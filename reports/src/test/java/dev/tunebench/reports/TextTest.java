package dev.tunebench.reports;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class TextTest {
    @Test
    void charactersXmlForbidsBecomeReplacementCharacters() {
        assertEquals("a\uFFFDb\tc\uD83D\uDE00\uFFFD", Text.clean("a\u0000b\tc\uD83D\uDE00\uD83D"));
    }

    @Test
    void truncationSaysHowMuchWasCut() {
        assertEquals("abc … [3 more characters]", Text.truncate("abcdef", 3));
    }
}
