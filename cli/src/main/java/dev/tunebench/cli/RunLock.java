package dev.tunebench.cli;

import dev.tunebench.results.WriteFailed;
import dev.tunebench.spi.InputException;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * One run at a time per run folder: an operating-system lock on {@code run.lock}, so two runs given the same
 * {@code --out} never interleave lines. The system releases it when the process ends, however it ends, so a
 * killed run leaves no stale lock behind; the file itself stays (deleting it could let two runs lock two files).
 */
final class RunLock implements AutoCloseable {
    static final String FILE_NAME = "run.lock";

    private final FileChannel channel;
    private final FileLock lock;

    private RunLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    static RunLock acquire(Path runDir) {
        Path file = runDir.resolve(FILE_NAME);
        FileChannel channel;
        try {
            channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
        } catch (IOException e) {
            throw WriteFailed.of(file, e);
        }
        FileLock lock;
        try {
            lock = channel.tryLock();
        } catch (OverlappingFileLockException | IOException e) {
            lock = null;
        }
        if (lock == null) {
            String holder = holder(channel);
            close(channel);
            throw new InputException(runDir + " is in use by another tunebench run" + holder + ". Wait for it to "
                    + "finish (then add --resume to continue it) or give another --out.");
        }
        try {
            channel.truncate(0);
            channel.write(ByteBuffer.wrap((ProcessHandle.current().pid() + "\n").getBytes(StandardCharsets.UTF_8)), 0);
        } catch (IOException e) {
            // The pid is only a courtesy for the message of a second run; a full disk shows up at the first sample.
        }
        return new RunLock(channel, lock);
    }

    private static String holder(FileChannel channel) {
        try {
            ByteBuffer buf = ByteBuffer.allocate(32);
            channel.read(buf, 0);
            String pid = new String(buf.array(), 0, buf.position(), StandardCharsets.UTF_8).trim();
            return pid.matches("\\d+") ? " (process " + pid + ")" : "";
        } catch (IOException e) {
            return "";
        }
    }

    private static void close(FileChannel channel) {
        try {
            channel.close();
        } catch (IOException ignored) {
            // nothing was written through it
        }
    }

    @Override
    public void close() {
        try {
            lock.release();
        } catch (IOException ignored) {
            // closing the channel below releases it too
        }
        close(channel);
    }
}
