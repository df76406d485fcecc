package dev.tunebench.runners.onnx.template;

import java.util.List;

/** The {@code loop} variable of a for loop, as jinja2 defines it. */
final class LoopInfo {
    private final List<Object> items;
    int index0;

    LoopInfo(List<Object> items) {
        this.items = items;
    }

    Object attribute(String name) {
        int n = items.size();
        switch (name) {
            case "index":
                return (long) index0 + 1;
            case "index0":
                return (long) index0;
            case "revindex":
                return (long) (n - index0);
            case "revindex0":
                return (long) (n - index0 - 1);
            case "first":
                return index0 == 0;
            case "last":
                return index0 == n - 1;
            case "length":
                return (long) n;
            case "depth":
                return 1L;
            case "depth0":
                return 0L;
            case "previtem":
                return index0 > 0 ? items.get(index0 - 1) : new Undefined("there is no previous item");
            case "nextitem":
                return index0 < n - 1 ? items.get(index0 + 1) : new Undefined("there is no next item");
            case "cycle":
                return (Callable) (args, kwargs) -> {
                    if (args.isEmpty()) {
                        throw TemplateException.error("no items for cycling given");
                    }
                    return args.get(index0 % args.size());
                };
            default:
                return Undefined.noAttribute(this, name);
        }
    }

    @Override
    public String toString() {
        return "<LoopContext " + (index0 + 1) + "/" + items.size() + ">";
    }
}
