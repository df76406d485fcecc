package dev.tunebench.suite;

import dev.tunebench.spi.Decoding;
import dev.tunebench.spi.RunnerOptions;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/** Parses one layer of {@code generation:} and {@code runner:} settings (suite level or a model's own). */
final class SettingsSection {
    private static final Pattern DEVICE = Pattern.compile("cpu|cuda(:\\d+)?");

    private SettingsSection() {
    }

    static GenerationOverrides generation(YamlNode node, long defaultSeed) {
        if (!node.present()) {
            return GenerationOverrides.NONE;
        }
        node.object("max_new_tokens", "decoding", "stop");
        YamlNode stop = node.get("stop");
        return new GenerationOverrides(node.get("max_new_tokens").integerOrNull(1),
                decoding(node.get("decoding"), defaultSeed), stop.present() ? strings(stop) : null);
    }

    /**
     * The shared keys are checked here; every other key is the runner kind's own and is passed on with where
     * it was written, for the runner's factory to check ({@code RunnerFactory.check}).
     */
    static RunnerOverrides runner(YamlNode node, Path dir) {
        if (!node.present()) {
            return RunnerOverrides.NONE;
        }
        if (!node.isObject()) {
            throw node.error("expected a map such as {type: onnx, threads: 1}, got " + node.describe() + ".");
        }
        Map<String, RunnerOptions.Entry> own = new LinkedHashMap<>();
        for (String key : node.keys()) {
            if (!RunnerOptions.SHARED_KEYS.contains(key)) {
                YamlNode value = node.get(key);
                own.put(key, new RunnerOptions.Entry(value.json().deepCopy(), value.where()));
            }
        }
        YamlNode device = node.get("device");
        if (device.present() && !DEVICE.matcher(device.text()).matches()) {
            throw device.error("unknown device '" + device.text() + "'; expected cpu, cuda or cuda:N (a GPU index).");
        }
        return new RunnerOverrides(node.get("type").present() ? node.get("type").name() : null,
                device.present() ? device.text() : null,
                node.get("threads").integerOrNull(0), node.get("batch_size").integerOrNull(1),
                new RunnerOptions(own, dir), node.get("workers").integerOrNull(1));
    }

    /** A list of strings, or one string as a list of one. */
    static List<String> strings(YamlNode node) {
        List<String> out = new ArrayList<>();
        for (YamlNode item : node.isList() ? node.list() : List.of(node)) {
            if (item.text().isEmpty()) {
                throw item.error("an empty stop string would stop immediately; remove it.");
            }
            out.add(item.text());
        }
        return out;
    }

    private static Decoding decoding(YamlNode node, long defaultSeed) {
        if (!node.present()) {
            return null;
        }
        if (node.isText()) {
            if (node.choice(List.of("greedy", "sampling")) == 0) {
                return Decoding.greedy();
            }
            throw node.error("sampling needs parameters: decoding: {sampling: {temperature: 0.7, top_p: 0.95, seed: 1}}.");
        }
        node.object("sampling");
        YamlNode s = node.get("sampling").object("temperature", "top_p", "top_k", "seed");
        YamlNode temperature = s.get("temperature");
        if (!temperature.present()) {
            throw temperature.error("missing; sampling needs a temperature > 0, e.g. temperature: 0.7.");
        }
        double t = temperature.number(Double.MIN_VALUE, 100);
        double topP = s.get("top_p").present() ? s.get("top_p").number(Double.MIN_VALUE, 1) : Defaults.TOP_P;
        int topK = s.get("top_k").present() ? s.get("top_k").integer(0) : Defaults.TOP_K;
        long seed = s.get("seed").present() ? s.get("seed").longValue() : defaultSeed;
        return new Decoding.Sampling(t, topP, topK, seed);
    }
}
