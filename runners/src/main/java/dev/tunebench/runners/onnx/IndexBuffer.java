package dev.tunebench.runners.onnx;

import ai.onnxruntime.OnnxJavaType;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.IntBuffer;
import java.nio.LongBuffer;

/**
 * A reusable direct buffer of token ids, mask bits or positions in the graph's element type (int32 or
 * int64). ORT wraps a direct native-order buffer without copying, so each step only rewrites it and
 * creates a small tensor header; the tensor must be closed before the buffer is rewritten.
 */
final class IndexBuffer {
    private final boolean wide;
    private ByteBuffer bytes;
    private LongBuffer longs;
    private IntBuffer ints;

    IndexBuffer(OnnxJavaType type, int capacity) {
        this.wide = type == OnnxJavaType.INT64;
        allocate(capacity);
    }

    private void allocate(int capacity) {
        bytes = ByteBuffer.allocateDirect(Math.max(1, capacity) * (wide ? Long.BYTES : Integer.BYTES)).order(ByteOrder.nativeOrder());
        longs = bytes.asLongBuffer();
        ints = bytes.asIntBuffer();
    }

    /** Starts a new tensor of {@code size} elements, growing the buffer when needed. */
    IndexBuffer reset(int size) {
        int capacity = wide ? longs.capacity() : ints.capacity();
        if (capacity < size) {
            allocate(Math.max(size, 2 * capacity));
        }
        longs.clear();
        ints.clear();
        return this;
    }

    void put(long value) {
        if (wide) {
            longs.put(value);
        } else {
            ints.put((int) value);
        }
    }

    OnnxTensor tensor(OrtEnvironment env, long... shape) throws OrtException {
        if (wide) {
            longs.flip();
            return OnnxTensor.createTensor(env, longs, shape);
        }
        ints.flip();
        return OnnxTensor.createTensor(env, ints, shape);
    }
}
