package dev.tunebench.runners.onnx.template;

import java.util.List;
import java.util.Map;

/** Something a template can call: a global function, a bound method or a macro. */
@FunctionalInterface
interface Callable {
    Object call(List<Object> args, Map<String, Object> kwargs);
}
