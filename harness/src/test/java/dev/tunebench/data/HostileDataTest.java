package dev.tunebench.data;

import dev.tunebench.spi.InputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.stream.Stream;

import static dev.tunebench.data.MessageAssert.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * Data files a careless export or an attacker could hand over: each is an input error naming the file and the
 * line, never an internal error, and found in one streaming pass without holding the file in memory.
 */
class HostileDataTest {
    private static final String GOOD = "{\"messages\": [{\"role\": \"user\", \"content\": \"U\"}, "
            + "{\"role\": \"assistant\", \"content\": \"A\"}]}\n";

    @TempDir
    Path dir;

    private Path write(String name, byte[]... parts) throws IOException {
        Path f = dir.resolve(name);
        try (OutputStream out = Files.newOutputStream(f)) {
            for (byte[] p : parts) {
                out.write(p);
            }
        }
        return f;
    }

    private static byte[] text(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private String error(Path file, DataFormat format) {
        DataSource source = format == DataFormat.CHAT_JSONL ? DataSource.chat(file)
                : DataSource.fields(file, format, "input", "expected");
        return assertThrows(InputException.class, () -> {
            try (Stream<Row> rows = DatasetReader.open(source)) {
                rows.forEach(r -> { });
            }
        }).getMessage();
    }

    @Test
    void latin1ByteNamesItsLineAndTheFix() throws IOException {
        Path f = write("d.jsonl", text(GOOD + GOOD), text("{\"messages\": [{\"role\": \"user\", \"content\": \"caf"),
                new byte[]{(byte) 0xE9}, text("\"}]}\n" + GOOD));
        assertThat(error(f, DataFormat.CHAT_JSONL)).startsWith(f + ":3: not UTF-8 text (byte 0xE9 after 46 characters")
                .contains("iconv -f latin1 -t utf-8");
    }

    @Test
    void aBadByteFarIntoTheFileStillNamesItsExactLine() throws IOException {
        // Past the reader's 64 KiB blocks, where the JDK's reader would fail ahead of the lines handed out.
        String many = GOOD.repeat(5_000);
        Path f = write("d.jsonl", text(many), new byte[]{(byte) 0xC3, '(', '\n'});
        assertThat(error(f, DataFormat.CHAT_JSONL)).startsWith(f + ":5001: not UTF-8 text (byte 0xC3");
    }

    @Test
    void utf16IsRecognisedByItsByteOrderMark() throws IOException {
        Path f = write("d.jsonl", GOOD.getBytes(StandardCharsets.UTF_16));
        assertThat(error(f, DataFormat.CHAT_JSONL)).startsWith(f + ":1: not UTF-8 text").contains("UTF-16")
                .contains("iconv -f utf-16");
    }

    @Test
    void binaryFileAndCsvAreRefusedTheSameWay() throws IOException {
        byte[] noise = new byte[4096];
        Arrays.fill(noise, (byte) 0xFF);
        assertThat(error(write("d.jsonl", noise), DataFormat.CHAT_JSONL)).contains(":1: not UTF-8 text");
        Path csv = write("d.csv", text("input,expected\nhello,world\n"), new byte[]{'h', (byte) 0xE9, 'l', ',', 'w', '\n'});
        assertThat(error(csv, DataFormat.CSV)).startsWith(csv + ":3: not UTF-8 text");
    }

    @Test
    void jsonNestedThousandsDeepIsRefusedWithTheLine() throws IOException {
        Path f = write("d.jsonl", text(GOOD + "{\"messages\": " + "[".repeat(5_000) + "]".repeat(5_000) + "}\n"));
        assertThat(error(f, DataFormat.CHAT_JSONL)).startsWith(f + ":2: the JSON is beyond tunebench's limits")
                .contains("nesting depth").contains("Fix or remove the line");
        Path fields = write("f.jsonl", text("{\"input\": \"x\", \"expected\": " + "[".repeat(3_000) + "]".repeat(3_000) + "}\n"));
        assertThat(error(fields, DataFormat.FIELDS_JSONL)).startsWith(fields + ":1: the JSON is beyond");
    }

    @Test
    void numbersOutOfRangeAreRefusedAndNotEchoedInFull() throws IOException {
        String longNumber = "9".repeat(5_000);
        Path f = write("d.jsonl", text(GOOD + "{\"messages\": [{\"role\": \"user\", \"content\": \"U\"}, "
                + "{\"role\": \"assistant\", \"content\": \"A\", \"weight\": " + longNumber + "}]}\n"));
        assertThat(error(f, DataFormat.CHAT_JSONL)).startsWith(f + ":2: the JSON is beyond").contains("Number value length");
        Path inf = write("i.jsonl", text("{\"messages\": [{\"role\": \"user\", \"content\": \"U\"}, "
                + "{\"role\": \"assistant\", \"content\": \"A\", \"weight\": 1e999}]}\n"));
        assertThat(error(inf, DataFormat.CHAT_JSONL)).startsWith(inf + ":1: messages[1].weight: expected 0 or 1");
        Path big = write("b.jsonl", text("{\"messages\": [{\"role\": \"user\", \"content\": \"U\"}, "
                + "{\"role\": \"assistant\", \"content\": \"A\", \"weight\": 1" + "0".repeat(900) + "}]}\n"));
        String m = error(big, DataFormat.CHAT_JSONL);
        assertThat(m).startsWith(big + ":1: messages[1].weight: expected 0 or 1").contains("(901 characters)");
        assertEquals(-1, m.indexOf("0".repeat(100)), m);
    }

    @Test
    void loneSurrogateEscapeIsNotText() throws IOException {
        Path f = write("d.jsonl", text(GOOD + "{\"messages\": [{\"role\": \"user\", \"content\": \"a\\ud800b\"}, "
                + "{\"role\": \"assistant\", \"content\": \"A\"}]}\n"));
        assertThat(error(f, DataFormat.CHAT_JSONL)).startsWith(f + ":2: messages[0].content holds a lone UTF-16 surrogate");
    }

    /** Hundreds of megabytes on one line: refused once the line passes the bound, without reading it into memory. */
    @Test
    void aLineOfHundredsOfMegabytesIsRefusedWithItsLine() throws IOException {
        Path f = dir.resolve("huge.jsonl");
        byte[] block = new byte[1 << 20];
        Arrays.fill(block, (byte) 'x');
        try (OutputStream out = Files.newOutputStream(f)) {
            out.write(text(GOOD + GOOD + "{\"messages\": \""));
            for (int i = 0; i < 300; i++) {
                out.write(block);
            }
            out.write(text("\"}\n"));
        }
        assertThat(error(f, DataFormat.CHAT_JSONL)).startsWith(f + ":3: the line is longer than " + Utf8Reader.MAX_DATA_LINE
                + " characters");
        Path csv = dir.resolve("huge.csv");
        try (OutputStream out = Files.newOutputStream(csv)) {
            out.write(text("input,expected\n"));
            for (int i = 0; i < 40; i++) {
                out.write(block);
            }
        }
        assertThat(error(csv, DataFormat.CSV)).startsWith(csv + ":2: the line is longer than");
    }
}
