package dev.tunebench.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;

/** Runs the real CLI in-process and captures what it printed. */
record Cli(int exitCode, String out, String err) {

    static Path root() {
        return Path.of(System.getProperty("tunebench.root", "..")).toAbsolutePath().normalize();
    }

    static Path demo() {
        return root().resolve("suites/demo");
    }

    /** A copy of a demo model folder in {@code dir} whose model.onnx is garbage, as a corrupt download would be. */
    static Path brokenCopyOf(String demoModel, Path dir) throws IOException {
        Files.createDirectories(dir);
        try (var files = Files.list(demo().resolve("models").resolve(demoModel))) {
            for (Path f : files.toList()) {
                Files.copy(f, dir.resolve(f.getFileName()));
            }
        }
        Files.writeString(dir.resolve("model.onnx"), "this is not a protobuf");
        return dir;
    }

    static Cli run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.execute(args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new Cli(code, out.toString(), err.toString());
    }
}
