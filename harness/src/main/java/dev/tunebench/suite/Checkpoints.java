package dev.tunebench.suite;

import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Orders checkpoint folders the way training produced them: by {@code trainer_state.json} epoch (then
 * step) when every folder has one, else by global step, else by the last number in the folder name, else
 * by name. Mixed sources are never compared, since epoch 2 and "checkpoint-500" are not on one scale.
 */
final class Checkpoints {
    private static final Pattern NUMBER = Pattern.compile("(\\d+)(?!.*\\d)");

    record Folder(Path path, Double epoch, Long step) {
        String name() {
            return path.getFileName().toString();
        }

        Long nameNumber() {
            Matcher m = NUMBER.matcher(name());
            return m.find() ? Long.parseLong(m.group(1)) : null;
        }
    }

    private Checkpoints() {
    }

    static Folder folder(Path path) {
        return TrainerState.read(path)
                .map(s -> new Folder(path, s.epoch(), s.globalStep()))
                .orElse(new Folder(path, null, null));
    }

    static List<Folder> order(List<Path> paths) {
        List<Folder> folders = paths.stream().map(Checkpoints::folder).toList();
        Comparator<Folder> byName = Comparator.comparing(Folder::name);
        Comparator<Folder> order;
        if (folders.stream().allMatch(f -> f.epoch() != null)) {
            order = Comparator.comparing(Folder::epoch)
                    .thenComparing(Folder::step, Comparator.nullsFirst(Comparator.naturalOrder()));
        } else if (folders.stream().allMatch(f -> f.step() != null)) {
            order = Comparator.comparing(Folder::step);
        } else if (folders.stream().allMatch(f -> f.nameNumber() != null)) {
            order = Comparator.comparing(Folder::nameNumber);
        } else {
            order = byName;
        }
        return folders.stream().sorted(order.thenComparing(byName)).toList();
    }
}
