package dev.tunebench.runners.onnx;

/**
 * Keeps DJL off the network: its tokenizer probes a cloud metadata address for telemetry unless these
 * switches are set before any DJL class loads. Called from every entry point of this package, so a
 * program that embeds the runner is safe without the launcher's environment.
 */
public final class Offline {
    private Offline() {
    }

    public static void ensure() {
        setIfUnset("OPT_OUT_TRACKING", "true");
        setIfUnset("DJL_OFFLINE", "true");
    }

    private static void setIfUnset(String key, String value) {
        if (System.getProperty(key) == null) {
            System.setProperty(key, value);
        }
    }
}
