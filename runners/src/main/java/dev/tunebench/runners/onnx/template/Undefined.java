package dev.tunebench.runners.onnx.template;

/**
 * jinja2's default Undefined: prints as nothing, is false, iterates as empty, compares unequal to
 * everything else, and fails as soon as an operation needs its value.
 */
final class Undefined {
    static final Undefined PLAIN = new Undefined("value is undefined");

    private final String hint;

    Undefined(String hint) {
        this.hint = hint;
    }

    static Undefined named(String name) {
        return new Undefined("'" + name + "' is undefined");
    }

    static Undefined noAttribute(Object owner, Object attribute) {
        return new Undefined("'" + Py.typeLabel(owner) + "' has no attribute '" + attribute + "'");
    }

    static Undefined noElement(Object owner, Object key) {
        return new Undefined("'" + Py.typeLabel(owner) + "' has no element " + Repr.repr(key));
    }

    TemplateException fail() {
        return TemplateException.error(hint);
    }

    @Override
    public String toString() {
        return "";
    }
}
