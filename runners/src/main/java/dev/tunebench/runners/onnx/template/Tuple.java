package dev.tunebench.runners.onnx.template;

import java.util.AbstractList;
import java.util.ArrayList;
import java.util.List;

/** A Python tuple: a read-only list that prints with parentheses and never equals a list. */
final class Tuple extends AbstractList<Object> {
    /** Stands for None inside an argument list that cannot hold null. */
    static final Object NONE = new Object();

    private final List<Object> items;

    Tuple(List<?> items) {
        this.items = new ArrayList<>(items);
    }

    @Override
    public Object get(int index) {
        return items.get(index);
    }

    @Override
    public int size() {
        return items.size();
    }
}
