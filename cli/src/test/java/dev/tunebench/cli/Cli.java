package dev.tunebench.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;

/** Runs the real CLI in-process and captures what it printed. */
record Cli(int exitCode, String out, String err) {

    static Path root() {
        return Path.of(System.getProperty("tunebench.root", "..")).toAbsolutePath().normalize();
    }

    static Path demo() {
        return root().resolve("suites/demo");
    }

    static Cli run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.execute(args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new Cli(code, out.toString(), err.toString());
    }
}
