package dev.tunebench.runners.onnx.template;

import java.util.LinkedHashMap;
import java.util.Map;

/** jinja2's namespace(): the one object a template may assign attributes on, from any scope. */
final class Namespace {
    final Map<String, Object> attributes = new LinkedHashMap<>();

    @Override
    public String toString() {
        return "<Namespace " + Repr.repr(attributes) + ">";
    }
}
