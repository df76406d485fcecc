package dev.tunebench.runners.onnx;

/**
 * Which graph of a model folder to run, as the suite or the command line says: a {@code variant}
 * name, a {@code file} inside the folder, or neither (null). {@code variantWhere} and {@code fileWhere}
 * say where each was written ({@code suite.yaml:12: models[0].runner.variant}, {@code --variant}), for
 * error messages.
 */
record GraphChoice(String variant, String variantWhere, String file, String fileWhere) {
    static final GraphChoice NONE = new GraphChoice(null, null, null, null);

    static GraphChoice variant(String name, String where) {
        return new GraphChoice(name, where, null, null);
    }

    static GraphChoice file(String path, String where) {
        return new GraphChoice(null, null, path, where);
    }

    boolean none() {
        return variant == null && file == null;
    }
}
