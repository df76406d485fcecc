package dev.tunebench.runners.onnx.template;

import java.util.List;
import java.util.Map;

/** Python-style arguments of a filter or test: positional first, then by keyword, then the default. */
record Args(List<Object> positional, Map<String, Object> keywords) {
    Object get(int i, String name, Object dflt) {
        if (i < positional.size()) {
            return positional.get(i);
        }
        return keywords.containsKey(name) ? keywords.get(name) : dflt;
    }

    boolean flag(int i, String name) {
        return Py.truthy(get(i, name, false));
    }

    int size() {
        return positional.size();
    }
}
