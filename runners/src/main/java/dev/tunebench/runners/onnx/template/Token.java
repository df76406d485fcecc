package dev.tunebench.runners.onnx.template;

/** One lexed piece of a template: text between tags, a tag delimiter, or a piece of an expression. */
record Token(Type type, String value, int line) {
    enum Type { DATA, VAR_BEGIN, VAR_END, BLOCK_BEGIN, BLOCK_END, NAME, STRING, INT, FLOAT, OP, EOF }

    boolean is(Type t, String v) {
        return type == t && value.equals(v);
    }

    boolean isOp(String v) {
        return is(Type.OP, v);
    }

    boolean isName(String v) {
        return is(Type.NAME, v);
    }
}
