package dev.tunebench.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The real CLI as its own process (same class path as the tests), for what an in-process run cannot show:
 * environment variables, a server to start and kill. Output goes to files in {@code dir}.
 */
record JavaProcess(Process process, Path out, Path err) {

    static JavaProcess start(Path dir, Map<String, String> env, String... args) throws IOException {
        Files.createDirectories(dir);
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElse("java"));
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add("dev.tunebench.cli.Main");
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command);
        pb.environment().putAll(env);
        String name = args.length == 0 ? "cli" : args[0];
        Path out = Files.createTempFile(dir, name, ".out");
        Path err = Files.createTempFile(dir, name, ".err");
        pb.redirectOutput(out.toFile());
        pb.redirectError(err.toFile());
        return new JavaProcess(pb.start(), out, err);
    }

    /** Runs to the end (at most {@code seconds}) and returns the exit code. */
    int waitFor(int seconds) throws InterruptedException {
        if (!process.waitFor(seconds, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("the CLI did not finish within " + seconds + " s");
        }
        return process.exitValue();
    }

    String stdout() throws IOException {
        return Files.readString(out);
    }

    String stderr() throws IOException {
        return Files.readString(err);
    }
}
