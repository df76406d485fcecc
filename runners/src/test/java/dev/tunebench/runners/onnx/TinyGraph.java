package dev.tunebench.runners.onnx;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes a model folder whose graph has no KV cache, int32 ids and mask and no position_ids: a bigram
 * "LM" (one Gather from a table) whose greedy next token after t is (3t + 1) mod 16, so the expected
 * output of the full-recompute path is known exactly. The ONNX protobuf is written by hand because no
 * ONNX builder is on the test classpath.
 */
final class TinyGraph {
    static final int VOCAB = 16;
    static final int EOS = 15;

    private TinyGraph() {
    }

    static int next(int token) {
        return (3 * token + 1) % VOCAB;
    }

    static Path write(Path dir) throws IOException {
        return write(dir, "model.onnx", null);
    }

    /**
     * The same folder with the graph at {@code file} (a path inside the folder) and, unless null, one
     * more input the graph ignores: {@code {name, elemType, dims...}} (elemType 1 float, 6 int32, 7 int64, 9 bool).
     */
    static Path write(Path dir, String file, Object[] extraInput) throws IOException {
        return write(dir, file, extraInput, false);
    }

    /** With {@code int8Weights} the table is stored as int8 and dequantized in the graph, as q8 exports do. */
    static Path write(Path dir, String file, Object[] extraInput, boolean int8Weights) throws IOException {
        Files.createDirectories(dir.resolve(file).getParent());
        Files.write(dir.resolve(file), model(extraInput, int8Weights));
        Files.writeString(dir.resolve("config.json"), "{\"vocab_size\": " + VOCAB
                + ", \"n_positions\": 64, \"eos_token_id\": " + EOS + ", \"pad_token_id\": 0, \"n_layer\": 1, \"n_head\": 1}");
        StringBuilder vocab = new StringBuilder();
        for (int i = 0; i < VOCAB; i++) {
            vocab.append(i == 0 ? "" : ", ").append("\"w").append(i).append("\": ").append(i);
        }
        Files.writeString(dir.resolve("tokenizer.json"), "{\"version\": \"1.0\", \"added_tokens\": [],"
                + " \"normalizer\": null, \"pre_tokenizer\": {\"type\": \"WhitespaceSplit\"}, \"post_processor\": null,"
                + " \"decoder\": null, \"model\": {\"type\": \"WordLevel\", \"vocab\": {" + vocab + "}, \"unk_token\": \"w0\"}}");
        return dir;
    }

    private static byte[] model(Object[] extraInput, boolean int8Weights) {
        ByteBuffer raw = ByteBuffer.allocate(VOCAB * VOCAB * (int8Weights ? 1 : 4)).order(ByteOrder.LITTLE_ENDIAN);
        for (int t = 0; t < VOCAB; t++) {
            for (int v = 0; v < VOCAB; v++) {
                int one = v == next(t) ? 1 : 0;
                if (int8Weights) {
                    raw.put((byte) one);
                } else {
                    raw.putFloat(one);
                }
            }
        }
        Proto gather = new Proto().string(1, "table").string(1, "input_ids").string(2, "logits").string(3, "gather").string(4, "Gather");
        Proto graph = new Proto();
        if (int8Weights) {
            graph.message(1, new Proto().string(1, "table_int8").string(1, "scale").string(1, "zero_point").string(2, "table")
                    .string(3, "dequantize").string(4, "DequantizeLinear"));
        }
        graph.message(1, gather).string(2, "bigram")
                .message(5, new Proto().varint(1, VOCAB).varint(1, VOCAB).varint(2, int8Weights ? 3 : 1)
                        .string(8, int8Weights ? "table_int8" : "table").bytes(9, raw.array()));
        if (int8Weights) {
            graph.message(5, new Proto().varint(2, 1).string(8, "scale")
                    .bytes(9, ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putFloat(1f).array()));
            graph.message(5, new Proto().varint(2, 3).string(8, "zero_point").bytes(9, new byte[]{0}));
        }
        graph.message(11, valueInfo("input_ids", 6, "batch", "seq"))
                .message(11, valueInfo("attention_mask", 6, "batch", "total"))
                .message(12, valueInfo("logits", 1, "batch", "seq", VOCAB));
        if (extraInput != null) {
            Object[] dims = java.util.Arrays.copyOfRange(extraInput, 2, extraInput.length);
            graph.message(11, valueInfo((String) extraInput[0], (Integer) extraInput[1], dims));
        }
        return new Proto().varint(1, 8).message(7, graph).message(8, new Proto().string(1, "").varint(2, 13)).toBytes();
    }

    /** A tensor value: element type (1 float, 6 int32, 7 int64, 9 bool) and dims, each a name or a size. */
    private static Proto valueInfo(String name, int elemType, Object... dims) {
        Proto shape = new Proto();
        for (Object d : dims) {
            shape.message(1, d instanceof Integer size ? new Proto().varint(1, size) : new Proto().string(2, (String) d));
        }
        Proto tensor = new Proto().varint(1, elemType).message(2, shape);
        return new Proto().string(1, name).message(2, new Proto().message(1, tensor));
    }

    /** Just enough protobuf: varint and length-delimited fields. */
    private static final class Proto {
        private final ByteArrayOutputStream out = new ByteArrayOutputStream();

        Proto varint(int field, long value) {
            raw((field << 3));
            raw(value);
            return this;
        }

        Proto bytes(int field, byte[] value) {
            raw((field << 3) | 2);
            raw(value.length);
            out.writeBytes(value);
            return this;
        }

        Proto string(int field, String value) {
            return bytes(field, value.getBytes(StandardCharsets.UTF_8));
        }

        Proto message(int field, Proto value) {
            return bytes(field, value.toBytes());
        }

        byte[] toBytes() {
            return out.toByteArray();
        }

        private void raw(long value) {
            while ((value & ~0x7FL) != 0) {
                out.write((int) ((value & 0x7F) | 0x80));
                value >>>= 7;
            }
            out.write((int) value);
        }
    }
}
