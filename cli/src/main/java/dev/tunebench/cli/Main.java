package dev.tunebench.cli;

import picocli.CommandLine;

import java.io.PrintWriter;
import java.nio.file.Path;

/** Entry point of the {@code tunebench} command. */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        System.exit(execute(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
    }

    /** Runs one command line with the given streams; what tests and embedding programs call. */
    public static int execute(String[] args, PrintWriter out, PrintWriter err) {
        OfflineSwitches.apply();
        return commandLine(out, err).execute(args);
    }

    static CommandLine commandLine(PrintWriter out, PrintWriter err) {
        CommandLine cli = new CommandLine(new TunebenchCommand());
        cli.setOut(out);
        cli.setErr(err);
        ErrorHandler handler = new ErrorHandler();
        cli.setExecutionExceptionHandler(handler);
        cli.setParameterExceptionHandler(handler);
        cli.setCaseInsensitiveEnumValuesAllowed(true);
        return cli;
    }

    /**
     * DJL probes a cloud metadata address for telemetry and ORT runs telemetry unless told not to; the
     * launcher sets the environment, and this covers programs that embed tunebench without it.
     */
    static final class OfflineSwitches {
        private OfflineSwitches() {
        }

        static void apply() {
            setIfAbsent("OPT_OUT_TRACKING", "true");
            setIfAbsent("DJL_OFFLINE", "true");
            setIfAbsent("offline", "true");
            if (System.getenv("DJL_CACHE_DIR") == null) {
                setIfAbsent("DJL_CACHE_DIR", Path.of(System.getProperty("user.home"), ".cache", "tunebench", "djl").toString());
            }
        }

        private static void setIfAbsent(String key, String value) {
            if (System.getProperty(key) == null) {
                System.setProperty(key, value);
            }
        }
    }
}
