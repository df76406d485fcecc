package dev.tunebench.data;

import dev.tunebench.spi.InputException;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Reads a user's text file as strict UTF-8 with a bound on line length. The JDK's readers either replace
 * bad bytes silently or fail with "Input length = 1" somewhere ahead of the text already read; this one
 * hands out every good character first and then fails naming the exact line, and refuses a line longer than
 * the bound as soon as it passes it, so a file that is not text, or has a line of hundreds of megabytes,
 * costs neither the heap nor more than one pass to the bad spot.
 */
public final class Utf8Reader extends Reader {
    /** Longest data line: 32 M characters, far beyond any real row (a 1M-token prompt is ~4 M). */
    public static final int MAX_DATA_LINE = 32 * 1024 * 1024;

    private final InputStream in;
    private final String file;
    private final int maxLine;
    private final CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
    private final ByteBuffer bytes = ByteBuffer.allocate(64 * 1024).flip();
    private final CharBuffer chars = CharBuffer.allocate(64 * 1024).flip();
    private long line = 1;
    private long lineChars;
    private long decoded;
    private boolean eof;
    private boolean flushed;
    private InputException pending;

    /** {@code file} is how messages name the file; {@code maxLine} the longest line in characters. */
    public Utf8Reader(InputStream in, String file, int maxLine) {
        this.in = in;
        this.file = file;
        this.maxLine = maxLine;
    }

    /** A whole small file (a suite) decoded, with the same errors as reading it line by line. */
    public static String decode(byte[] content, String file, int maxLine) {
        StringBuilder text = new StringBuilder(content.length);
        try (Utf8Reader r = new Utf8Reader(new ByteArrayInputStream(content), file, maxLine)) {
            char[] buf = new char[8192];
            int n;
            while ((n = r.read(buf, 0, buf.length)) != -1) {
                text.append(buf, 0, n);
            }
        } catch (IOException e) {
            throw new IllegalStateException("reading memory cannot fail", e);
        }
        return text.toString();
    }

    @Override
    public int read(char[] cbuf, int off, int len) throws IOException {
        if (len == 0) {
            return 0;
        }
        while (!chars.hasRemaining()) {
            if (pending != null) {
                throw pending;
            }
            if (!decodeMore()) {
                return -1;
            }
        }
        int n = Math.min(len, chars.remaining());
        chars.get(cbuf, off, n);
        return n;
    }

    /** Decodes the next block into {@link #chars}; false at the end of the file. */
    private boolean decodeMore() throws IOException {
        chars.clear();
        CoderResult result = CoderResult.UNDERFLOW;
        while (chars.position() == 0 && !result.isError()) {
            if (eof && !bytes.hasRemaining()) {
                if (!flushed) {
                    decoder.flush(chars);
                    flushed = true;
                }
                break;
            }
            if (!eof) {
                bytes.compact();
                int n = in.read(bytes.array(), bytes.position(), bytes.remaining());
                if (n < 0) {
                    eof = true;
                } else {
                    bytes.position(bytes.position() + n);
                }
                bytes.flip();
            }
            result = decoder.decode(bytes, chars, eof);
        }
        scan();
        if (result.isError() && pending == null) {
            pending = notUtf8(bytes.get(bytes.position()));
        }
        chars.flip();
        return chars.hasRemaining() || pending != null;
    }

    /** Counts lines in what was just decoded, and cuts the text at the first character past the line bound. */
    private void scan() {
        int end = chars.position();
        for (int i = 0; i < end; i++) {
            if (chars.get(i) == '\n') {
                line++;
                lineChars = 0;
            } else if (++lineChars > maxLine) {
                chars.position(i);
                decoded += i;
                pending = new InputException(file + ":" + line + ": the line is longer than " + maxLine
                        + " characters, far beyond any real entry: the file is probably not what was meant (a binary, "
                        + "or text without line breaks). Split it into lines or point at the right file.");
                return;
            }
        }
        decoded += end;
    }

    private InputException notUtf8(byte bad) {
        boolean utf16 = decoded == 0 && (bad == (byte) 0xFF || bad == (byte) 0xFE);
        return new InputException(file + ":" + line + ": not UTF-8 text (byte 0x" + String.format("%02X", bad & 0xFF)
                + " after " + lineChars + " characters of the line)." + (utf16 ? " It starts with a UTF-16 byte-order mark." : "")
                + " tunebench reads text files as UTF-8; convert it, e.g. iconv -f " + (utf16 ? "utf-16" : "latin1")
                + " -t utf-8 " + file + " > fixed" + extension() + ".");
    }

    private String extension() {
        int dot = file.lastIndexOf('.');
        return dot > file.lastIndexOf('/') && dot >= 0 ? file.substring(dot) : "";
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
