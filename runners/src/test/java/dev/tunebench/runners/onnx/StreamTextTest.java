package dev.tunebench.runners.onnx;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** What a streamed row may send while it decodes: never half a character, never part of a stop string. */
class StreamTextTest {

    @Test
    void sendsNewTextAsItIsDecoded() {
        StreamText s = new StreamText(List.of());
        assertEquals("Hel", s.advance("Hel"));
        assertEquals("lo", s.advance("Hello"));
        assertEquals("", s.advance("Hello"));
        assertEquals("!", s.finish("Hello!"));
    }

    @Test
    void holdsBackATokenThatEndsInsideAUtf8Character() {
        // A byte-level tokenizer decodes the first two bytes of "€" (3 bytes) as U+FFFD.
        StreamText s = new StreamText(List.of());
        assertEquals("price ", s.advance("price \uFFFD"));
        assertEquals("€5", s.advance("price €5"));
        assertEquals("", s.finish("price €5"));
    }

    @Test
    void holdsBackALoneHighSurrogate() {
        StreamText s = new StreamText(List.of());
        String emoji = "\uD83D\uDE00";
        assertEquals("a", s.advance("a" + emoji.charAt(0)));
        assertEquals(emoji, s.advance("a" + emoji));
    }

    @Test
    void holdsBackWhatCouldBeginAStopString() {
        StreamText s = new StreamText(List.of("\"}", "END"));
        assertEquals("{\"intent\": ", s.advance("{\"intent\": \""));
        // '"E' cannot begin '"}', but 'E' can begin "END".
        assertEquals("\"", s.advance("{\"intent\": \"E"));
        assertEquals("", s.advance("{\"intent\": \"EN"));
        assertEquals("ENx", s.advance("{\"intent\": \"ENx"));
        assertEquals("", s.advance("{\"intent\": \"ENx\""));
        // The runner cut the text before the stop: nothing held back is sent.
        assertEquals("", s.finish("{\"intent\": \"ENx"));
    }

    @Test
    void heldTextIsSentAtTheEndWhenNoStopFollowed() {
        StreamText s = new StreamText(List.of("###"));
        assertEquals("ab", s.advance("ab##"));
        assertEquals("##", s.finish("ab##"));
    }

    @Test
    void aDecoderThatRewritesEarlierTextWaitsForTheEnd() {
        StreamText s = new StreamText(List.of());
        assertEquals("a ,", s.advance("a ,"));
        assertEquals("", s.advance("a, b"));
        assertEquals("", s.finish("a, b"));
    }
}
