package dev.tunebench.runners.onnx;

import dev.tunebench.spi.InputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TextTokenizerTest {
    private static Path demoTokenizer() {
        return TestModels.demo("base").resolve("tokenizer.json");
    }

    @Test
    void setsDjlOfflineSwitches() {
        TextTokenizer.open(demoTokenizer()).close();
        assertEquals("true", System.getProperty("OPT_OUT_TRACKING"));
        assertEquals("true", System.getProperty("DJL_OFFLINE"));
    }

    @Test
    void longTextIsNotTruncated() {
        StringBuilder text = new StringBuilder();
        for (int i = 0; text.length() < 12_000; i++) {
            text.append("ticket ").append(i).append(" says the parcel is late; ");
        }
        try (TextTokenizer t = TextTokenizer.open(demoTokenizer())) {
            long[] ids = t.encode(text.toString());
            assertTrue(ids.length > 2_000, "only " + ids.length + " tokens");
            assertEquals(text.toString(), t.decode(toInts(ids)));
        }
    }

    @Test
    void specialTokensAreTextNotAdded() {
        try (TextTokenizer t = TextTokenizer.open(demoTokenizer())) {
            assertEquals(2, t.tokenId("<|im_end|>"));
            assertEquals(1, t.tokenId("<|im_start|>"));
            assertNull(t.tokenId("<s>"));
            assertEquals(1024, t.vocabSize());
            long[] ids = t.encode("<|im_start|>user\nhi<|im_end|>");
            assertEquals(1, ids[0]);
            assertEquals(2, ids[ids.length - 1]);
            assertEquals("user\nhi", t.decode(toInts(ids), true));
            assertEquals("<|im_start|>user\nhi<|im_end|>", t.decode(toInts(ids)));
        }
    }

    @Test
    void spansAreJavaStringOffsets() {
        String text = "héllo 😀 ok<|im_end|>";
        try (TextTokenizer t = TextTokenizer.open(demoTokenizer())) {
            TextTokenizer.Encoded e = t.encodeWithSpans(text);
            assertArrayEquals(t.encode(text), e.ids());
            int last = e.length() - 1;
            assertEquals("<|im_end|>", text.substring(e.starts()[last], e.ends()[last]));
            // The emoji is four byte tokens sharing one span; the token after it must start right after.
            assertEquals("ok", text.substring(e.starts()[last - 1], e.ends()[last - 1]));
        }
    }

    @Test
    void brokenTokenizerFileNamesIt(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("tokenizer.json");
        Files.writeString(file, "{\"version\": \"1.0\"}");
        String msg = assertThrows(InputException.class, () -> TextTokenizer.open(file)).getMessage();
        assertTrue(msg.contains("Cannot load tokenizer " + file), msg);
    }

    private static int[] toInts(long[] ids) {
        int[] out = new int[ids.length];
        for (int i = 0; i < ids.length; i++) {
            out[i] = (int) ids[i];
        }
        return out;
    }
}
