package dev.tunebench.runners.onnx;

import org.junit.jupiter.api.Assumptions;

import java.nio.file.Files;
import java.nio.file.Path;

/** Where tests find real model folders: the demo models in the repo and the optional ../shared fixtures. */
final class TestModels {
    private TestModels() {
    }

    static Path root() {
        return Path.of(System.getProperty("tunebench.root"));
    }

    static Path demo(String name) {
        return root().resolve("suites/demo/models").resolve(name);
    }

    /** The demo's ckpt-epoch-4 in hub layout (graphs under onnx/, all three decoder kinds), read in place. */
    static Path hubLayout() {
        Path dir = root().resolveSibling("shared").resolve("conformance/hub-layout/ckpt-epoch-4");
        Assumptions.assumeTrue(Files.isDirectory(dir), "../shared/conformance is absent: " + dir);
        return dir;
    }

    /** The conformance Llama folder, read in place (never copied into the repo); skips when absent. */
    static Path conformanceLlama() {
        Path dir = root().resolveSibling("shared").resolve("conformance/tiny-random-llama-fp16");
        Assumptions.assumeTrue(Files.isDirectory(dir), "../shared/conformance is absent: " + dir);
        return dir;
    }
}
