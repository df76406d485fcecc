package dev.tunebench.cli;

import dev.tunebench.results.RunManifest;
import dev.tunebench.run.Shard;
import dev.tunebench.spi.InputException;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * A checked set of shard folders: every shard 1..n exactly once, all from the same suite, data, models,
 * techniques and settings, so that together they are exactly one unsharded run.
 */
record ShardFolders(List<Path> dirs, List<RunManifest> manifests, List<Shard> shards) {

    static ShardFolders check(List<Path> dirs) {
        List<RunManifest> manifests = dirs.stream().map(RunFolder::readManifest).toList();
        List<Shard> shards = new ArrayList<>();
        for (int i = 0; i < dirs.size(); i++) {
            String text = manifests.get(i).settings().shard();
            shards.add(text == null ? Shard.ALL : Shard.parse(text));
        }
        int n = shards.get(0).count();
        Map<Integer, Path> byIndex = new TreeMap<>();
        for (int i = 0; i < dirs.size(); i++) {
            Shard s = shards.get(i);
            if (s.count() != n) {
                throw new InputException("shards of different splits: " + dirs.get(0) + " is shard " + shards.get(0) + " but "
                        + dirs.get(i) + " is shard " + s + "; merge the folders of one `--shard i/" + n + "` run.");
            }
            Path previous = byIndex.putIfAbsent(s.index(), dirs.get(i));
            if (previous != null) {
                throw new InputException("shard " + s + " given twice: " + previous + " and " + dirs.get(i)
                        + "; their samples would overlap. Give each shard once.");
            }
        }
        List<String> missing = new ArrayList<>();
        for (int i = 1; i <= n; i++) {
            if (!byIndex.containsKey(i)) {
                missing.add(i + "/" + n);
            }
        }
        if (!missing.isEmpty()) {
            throw new InputException("missing shard" + (missing.size() > 1 ? "s " : " ") + String.join(", ", missing)
                    + ": a merged run must hold every shard. Run them (`tunebench run SUITE --shard i/" + n
                    + " --out DIR`) and give all " + n + " folders.");
        }
        for (int i = 1; i < dirs.size(); i++) {
            same(dirs, manifests, i, "suite sha256", m -> m.suite().sha256());
            same(dirs, manifests, i, "data (files and sha256)", m -> m.data().stream().map(d -> d.role() + "=" + d.sha256()).toList());
            same(dirs, manifests, i, "models", m -> m.models().stream().map(RunManifest.ModelEntry::id).toList());
            same(dirs, manifests, i, "model files (sha256)", m -> m.models().stream().map(RunManifest.ModelEntry::files).toList());
            same(dirs, manifests, i, "techniques", RunManifest::techniques);
            same(dirs, manifests, i, "--limit", m -> m.settings().limit());
            same(dirs, manifests, i, "repeats and seeds", m -> List.of(m.settings().repeats(), m.settings().seed(),
                    m.settings().bootstrapSeed(), m.settings().bootstrapResamples()));
        }
        return new ShardFolders(List.copyOf(dirs), manifests, List.copyOf(shards));
    }

    /** The first shard's manifest (they agree on everything that defines the run). */
    RunManifest first() {
        return manifests.get(0);
    }

    /** Folders ordered by shard index, for stable merged output. */
    List<Integer> order() {
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < dirs.size(); i++) {
            order.add(i);
        }
        order.sort(Comparator.comparingInt(i -> shards.get(i).index()));
        return order;
    }

    private static void same(List<Path> dirs, List<RunManifest> manifests, int i, String what, Function<RunManifest, Object> field) {
        Object a = field.apply(manifests.get(0));
        Object b = field.apply(manifests.get(i));
        if (!Objects.equals(a, b)) {
            throw new InputException("shards of different runs: " + what + " differ between " + dirs.get(0) + " (" + a
                    + ") and " + dirs.get(i) + " (" + b + "). Run every shard from the same suite, data, models and flags.");
        }
    }
}
