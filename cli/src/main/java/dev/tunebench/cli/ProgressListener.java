package dev.tunebench.cli;

import dev.tunebench.run.RunListener;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.Locale;

/**
 * Progress on the terminal: a redrawn bar with ETA on a TTY, a plain line every 10% (or 30 s)
 * otherwise, so CI logs stay readable.
 */
final class ProgressListener implements RunListener {
    private final PrintWriter err;
    private final boolean tty;
    private final long startNanos = System.nanoTime();
    private long total;
    private long done;
    private long lastPrintNanos;
    private int lastDecile = -1;

    ProgressListener(PrintWriter err, boolean tty) {
        this.err = err;
        this.tty = tty;
    }

    @Override
    public void runStarted(long totalSamples) {
        total = Math.max(1, totalSamples);
        err.println("tunebench: " + totalSamples + " samples to run");
    }

    @Override
    public void modelStarted(String modelId) {
        endBar();
        err.println("model " + modelId);
    }

    @Override
    public void workersChosen(String modelId, int workers) {
        if (workers > 1) {
            err.println("  " + workers + " workers share its runner");
        }
    }

    @Override
    public synchronized void samplesDone(int count) {
        done += count;
        long now = System.nanoTime();
        double fraction = Math.min(1.0, done / (double) total);
        if (tty) {
            if (now - lastPrintNanos > 100_000_000L || done >= total) {
                int width = 30;
                int filled = (int) Math.round(fraction * width);
                err.print(String.format(Locale.ROOT, "\r[%s%s] %5.1f%% %d/%d ETA %s   ",
                        "#".repeat(filled), " ".repeat(width - filled), fraction * 100, done, total, eta(now, fraction)));
                err.flush();
                lastPrintNanos = now;
            }
            return;
        }
        int decile = (int) (fraction * 10);
        if (decile > lastDecile || now - lastPrintNanos > 30_000_000_000L) {
            err.println(String.format(Locale.ROOT, "progress %5.1f%% (%d/%d) ETA %s", fraction * 100, done, total, eta(now, fraction)));
            lastDecile = decile;
            lastPrintNanos = now;
        }
    }

    /**
     * A runner is waiting (retries in back-off, a rate limit): said on the progress line at once, so a stalled
     * run never looks hung. Called from the runner's request threads.
     */
    @Override
    public synchronized void runnerWaiting(String modelId, String status) {
        if (tty) {
            err.print("\r" + status + "\u001b[K");
            err.flush();
            lastPrintNanos = System.nanoTime();
        } else {
            err.println("waiting: " + status);
        }
    }

    @Override
    public void modelFailed(String modelId, String reason) {
        endBar();
        err.println("[ERROR] " + reason + " (its completed samples are kept; the run is marked incomplete)");
    }

    @Override
    public void validationUnavailable(String modelId) {
        endBar();
        err.println("[NOTE] " + modelId + ": no validation loss (a served or replayed model gives no log-probabilities of given text)");
    }

    @Override
    public void validationDone(String modelId, dev.tunebench.run.RunOutcome.ValidationLoss loss) {
        endBar();
        err.println(String.format(Locale.ROOT, "  validation loss of %s: %.4f (%d tokens, %d rows)",
                modelId, loss.loss(), loss.tokens(), loss.rows()));
    }

    @Override
    public void runFinished(boolean complete) {
        endBar();
    }

    private void endBar() {
        if (tty && lastPrintNanos != 0) {
            err.println();
            lastPrintNanos = 0;
        }
    }

    private String eta(long now, double fraction) {
        if (fraction <= 0) {
            return "--";
        }
        long elapsed = now - startNanos;
        Duration left = Duration.ofNanos((long) (elapsed / fraction - elapsed));
        return String.format(Locale.ROOT, "%d:%02d", left.toMinutes(), left.toSecondsPart());
    }
}
