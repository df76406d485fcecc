package dev.tunebench.suite;

import dev.tunebench.spi.InputException;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertThrows;

/** A throwaway suite folder: three small data files and model folders, plus helpers to load YAML in it. */
final class SuiteFixture {
    static final String ROW = "{\"messages\": [{\"role\": \"system\", \"content\": \"S\"}, {\"role\": \"user\", \"content\": \"%s\"}, "
            + "{\"role\": \"assistant\", \"content\": \"%s\"}]}\n";
    static final String MINIMAL = """
            data: {eval: data/test.jsonl}
            models:
              - {id: base, path: models/base, role: baseline}
            """;

    final Path dir;

    SuiteFixture(Path dir) {
        this.dir = dir;
        write("data/test.jsonl", ROW.formatted("t1", "x") + ROW.formatted("t2", "y"));
        write("data/train.jsonl", ROW.formatted("p1", "a") + ROW.formatted("p2", "a") + ROW.formatted("p3", "b")
                + ROW.formatted("p4", "c"));
        write("data/val.jsonl", ROW.formatted("v1", "x"));
        for (String m : new String[]{"base", "ckpt-1", "ckpt-2"}) {
            folder("models/" + m);
        }
    }

    Path write(String relative, String text) {
        try {
            Path p = dir.resolve(relative);
            Files.createDirectories(p.getParent());
            return Files.writeString(p, text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    Path folder(String relative) {
        try {
            return Files.createDirectories(dir.resolve(relative));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    Suite load(String yaml) {
        return SuiteLoader.load(write("suite.yaml", yaml), spec -> new DemoSuiteTest.NamedScorer(spec.name()));
    }

    /** The message of the error loading {@code yaml} gives, with the file path shortened to {@code suite.yaml}. */
    String error(String yaml) {
        String m = assertThrows(InputException.class, () -> load(yaml)).getMessage();
        return m.replace(dir.resolve("suite.yaml").toString(), "suite.yaml");
    }
}
