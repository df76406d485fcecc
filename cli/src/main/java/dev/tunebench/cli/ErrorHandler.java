package dev.tunebench.cli;

import dev.tunebench.spi.InputException;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;

import java.io.PrintWriter;

/**
 * Turns failures into one readable paragraph and an exit code: input problems exit 2, anything
 * unexpected exits 4. Stack traces only with {@code --verbose}.
 */
final class ErrorHandler implements IExecutionExceptionHandler, IParameterExceptionHandler {

    @Override
    public int handleParseException(ParameterException ex, String[] args) {
        CommandLine cmd = ex.getCommandLine();
        PrintWriter err = cmd.getErr();
        err.println("[ERROR] " + ex.getMessage());
        CommandLine.UnmatchedArgumentException.printSuggestions(ex, err);
        err.println("Try '" + cmd.getCommandSpec().qualifiedName() + " --help' for more information.");
        return ExitCodes.USAGE;
    }

    @Override
    public int handleExecutionException(Exception ex, CommandLine cmd, ParseResult parseResult) {
        PrintWriter err = cmd.getErr();
        boolean verbose = isVerbose(parseResult);
        if (ex instanceof InputException) {
            err.println("[ERROR] " + ex.getMessage());
            if (verbose) {
                ex.printStackTrace(err);
            }
            return ExitCodes.USAGE;
        }
        err.println("[ERROR] internal error: " + ex);
        if (verbose) {
            ex.printStackTrace(err);
        } else {
            err.println("Run with --verbose for more details.");
        }
        return ExitCodes.INTERNAL;
    }

    private static boolean isVerbose(ParseResult parseResult) {
        for (ParseResult pr = parseResult; pr != null; pr = pr.subcommand()) {
            if (pr.hasMatchedOption("--verbose")) {
                return true;
            }
        }
        return false;
    }
}
