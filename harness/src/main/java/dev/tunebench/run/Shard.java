package dev.tunebench.run;

import dev.tunebench.spi.InputException;

/**
 * One of n deterministic parts of a run's work. A sample belongs to shard {@code i} when a stable hash
 * of (model, technique, row) modulo n is i-1, so shards never overlap and together cover everything.
 */
public record Shard(int index, int count) {
    public static final Shard ALL = new Shard(1, 1);

    public Shard {
        if (count < 1 || index < 1 || index > count) {
            throw new InputException("--shard must be i/n with 1 <= i <= n, got " + index + "/" + count + ".");
        }
    }

    public static Shard parse(String text) {
        String[] parts = text.split("/");
        try {
            if (parts.length == 2) {
                return new Shard(Integer.parseInt(parts[0].trim()), Integer.parseInt(parts[1].trim()));
            }
        } catch (NumberFormatException e) {
            // fall through to the message below
        }
        throw new InputException("--shard must look like i/n (e.g. 2/3), got '" + text + "'.");
    }

    public boolean owns(String model, String technique, int row) {
        if (count == 1) {
            return true;
        }
        // FNV-1a over the key: stable across JVMs and Java versions, unlike String.hashCode's contract.
        long h = 0xcbf29ce484222325L;
        String key = model + "\u0000" + technique + "\u0000" + row;
        for (int i = 0; i < key.length(); i++) {
            h ^= key.charAt(i);
            h *= 0x100000001b3L;
        }
        return Math.floorMod(h, (long) count) == index - 1;
    }

    @Override
    public String toString() {
        return index + "/" + count;
    }
}
