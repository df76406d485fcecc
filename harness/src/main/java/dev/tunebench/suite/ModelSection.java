package dev.tunebench.suite;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Parses {@code models:}: explicit folders and globs of checkpoint folders, each with a role and optional
 * settings overrides. Effective settings are resolved here, the one place precedence is applied:
 * model layer over suite layer over {@link Defaults}.
 */
final class ModelSection {
    private static final List<String> ROLES = Arrays.stream(ModelRole.values()).map(ModelRole::suiteName).toList();

    private ModelSection() {
    }

    static List<ModelSpec> parse(YamlNode models, Path dir, GenerationOverrides suiteGeneration,
                                 RunnerOverrides suiteRunner, long seed) {
        if (!models.present() || models.list().isEmpty()) {
            throw models.error("missing; list the models, e.g. - {id: base, path: models/base, role: baseline}.");
        }
        List<ModelSpec> out = new ArrayList<>();
        Map<String, String> declaredAt = new HashMap<>();
        Map<YamlNode, List<String>> jobEntries = new java.util.LinkedHashMap<>();
        for (YamlNode entry : models.list()) {
            entry.object("id", "path", "glob", "role", "generation", "runner", "job", "job_results");
            ModelRole role = entry.get("role").present()
                    ? ModelRole.values()[entry.get("role").choice(ROLES)] : ModelRole.CANDIDATE;
            GenerationOverrides generation = SettingsSection.generation(entry.get("generation"), seed).over(suiteGeneration);
            RunnerOverrides runner = SettingsSection.runner(entry.get("runner"), dir).over(suiteRunner);
            for (ModelSpec m : folders(entry, dir, role, generation, runner)) {
                String earlier = declaredAt.putIfAbsent(m.id(), entry.path());
                if (earlier != null && earlier.equals(entry.path())) {
                    throw entry.get("glob").error("matches more than one folder named '" + m.id()
                            + "'; model ids are folder names, so list these folders by path: with their own id:.");
                }
                if (earlier != null) {
                    throw entry.error("duplicate model id '" + m.id() + "' (also from " + earlier
                            + "); every model needs its own id: give one an explicit id: or narrow the glob.");
                }
                out.add(m);
                if (entry.get("job").present() || entry.get("job_results").present()) {
                    jobEntries.computeIfAbsent(entry, e -> new ArrayList<>()).add(m.id());
                }
            }
        }
        jobEntries.forEach((entry, ids) -> JobSection.attach(entry, dir, ids, out));
        long baselines = out.stream().filter(m -> m.role() == ModelRole.BASELINE).count();
        if (baselines != 1) {
            throw models.error("exactly one model must have role: baseline (the one candidates are compared with), found "
                    + baselines + (baselines == 0 ? "; add role: baseline to the reference model." : "; keep one."));
        }
        return out;
    }

    private static List<ModelSpec> folders(YamlNode entry, Path dir, ModelRole role,
                                           GenerationOverrides generation, RunnerOverrides runner) {
        YamlNode path = entry.get("path");
        YamlNode glob = entry.get("glob");
        if (path.present() && glob.present()) {
            throw entry.error("give one of path: (one model folder) or glob: (checkpoint folders, e.g. "
                    + "\"models/ckpt-epoch-*\"), not both.");
        }
        if (!path.present() && !glob.present()) {
            // A served model has no folder; its runner settings say where it is.
            if (!entry.get("id").present()) {
                throw entry.error("give path: (a model folder), glob: (checkpoint folders, e.g. \"models/ckpt-epoch-*\") "
                        + "or, for a served model, id: and runner: {type: openai, ...}.");
            }
            return List.of(new ModelSpec(entry.get("id").name(), Optional.empty(), role, null, null, runner.resolveType(),
                    runner.resolveSettings(), generation.resolve()));
        }
        List<Checkpoints.Folder> folders;
        if (path.present()) {
            Path folder = dir.resolve(path.text()).normalize();
            if (!Files.isDirectory(folder)) {
                throw path.error("model folder not found: " + folder + "; paths are relative to the suite file's folder.");
            }
            folders = List.of(Checkpoints.folder(folder));
        } else {
            if (entry.get("id").present()) {
                throw entry.get("id").error("a glob names each model after its folder; remove id: or list folders by path:.");
            }
            List<Path> matched = expand(dir, glob.text());
            if (matched.isEmpty()) {
                throw glob.error("matches no folder under " + dir + "; check the pattern (relative to the suite file, "
                        + "* matches within one folder name).");
            }
            folders = Checkpoints.order(matched);
        }
        List<ModelSpec> specs = new ArrayList<>();
        for (Checkpoints.Folder f : folders) {
            String id = entry.get("id").present() ? entry.get("id").name() : f.path().getFileName().toString();
            specs.add(new ModelSpec(id, Optional.of(f.path()), role, f.epoch(), f.step(), runner.resolveType(),
                    runner.resolveSettings(), generation.resolve()));
        }
        return specs;
    }

    /** Folders under {@code dir} matching {@code glob}; the walk starts at the glob's literal prefix. */
    static List<Path> expand(Path dir, String glob) {
        String[] parts = glob.split("/");
        int literal = 0;
        while (literal < parts.length - 1 && !parts[literal].matches(".*[*?\\[{].*")) {
            literal++;
        }
        Path base = dir.resolve(String.join("/", Arrays.copyOfRange(parts, 0, literal))).normalize();
        if (!Files.isDirectory(base)) {
            return List.of();
        }
        PathMatcher matcher = FileSystems.getDefault().getPathMatcher(
                "glob:" + String.join("/", Arrays.copyOfRange(parts, literal, parts.length)));
        int depth = glob.contains("**") ? Integer.MAX_VALUE : parts.length - literal;
        try (Stream<Path> walk = Files.walk(base, depth)) {
            return walk.filter(p -> !p.equals(base) && Files.isDirectory(p) && matcher.matches(base.relativize(p)))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
