package dev.tunebench.reports.html;

import java.util.List;
import java.util.Locale;

/**
 * A small SVG writer for the report's charts. Every piece of text (labels, tooltips, even class names)
 * is escaped here, so the finished string is safe to hand to the template as markup.
 */
final class Svg {
    private final StringBuilder out = new StringBuilder(4096);

    Svg(int width, int height, String title) {
        out.append("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart\" role=\"img\" viewBox=\"0 0 ")
                .append(width).append(' ').append(height).append("\" width=\"").append(width)
                .append("\" height=\"").append(height).append("\" aria-label=\"").append(esc(title)).append("\">")
                .append("<title>").append(esc(title)).append("</title>");
    }

    Svg line(double x1, double y1, double x2, double y2, String cls) {
        out.append("<line x1=\"").append(n(x1)).append("\" y1=\"").append(n(y1)).append("\" x2=\"")
                .append(n(x2)).append("\" y2=\"").append(n(y2)).append("\" class=\"").append(esc(cls))
                .append("\"/>");
        return this;
    }

    Svg polyline(List<double[]> points, String cls) {
        out.append("<polyline class=\"").append(esc(cls)).append("\" points=\"");
        for (double[] p : points) {
            out.append(n(p[0])).append(',').append(n(p[1])).append(' ');
        }
        out.append("\"/>");
        return this;
    }

    Svg circle(double cx, double cy, double r, String cls, String tooltip) {
        out.append("<circle cx=\"").append(n(cx)).append("\" cy=\"").append(n(cy)).append("\" r=\"").append(n(r))
                .append("\" class=\"").append(esc(cls)).append("\"><title>").append(esc(tooltip))
                .append("</title></circle>");
        return this;
    }

    Svg rect(double x, double y, double w, double h, String cls, String tooltip) {
        out.append("<rect x=\"").append(n(x)).append("\" y=\"").append(n(y)).append("\" width=\"")
                .append(n(Math.max(0, w))).append("\" height=\"").append(n(Math.max(0, h))).append("\" class=\"")
                .append(esc(cls)).append("\">");
        if (tooltip != null) {
            out.append("<title>").append(esc(tooltip)).append("</title>");
        }
        out.append("</rect>");
        return this;
    }

    /** Text anchored {@code start}, {@code middle} or {@code end}. */
    Svg text(double x, double y, String text, String anchor, String cls) {
        out.append("<text x=\"").append(n(x)).append("\" y=\"").append(n(y)).append("\" text-anchor=\"")
                .append(esc(anchor)).append("\" class=\"").append(esc(cls)).append("\">").append(esc(text))
                .append("</text>");
        return this;
    }

    String finish() {
        return out.append("</svg>").toString();
    }

    static String esc(String s) {
        StringBuilder b = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '&' -> b.append("&amp;");
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&#39;");
                default -> b.append(c);
            }
        }
        return b.toString();
    }

    private static String n(double v) {
        return String.format(Locale.ROOT, "%.1f", v);
    }

    /** Maps a data range onto a pixel range, padding a flat range so a single value still plots. */
    record Scale(double lo, double hi, double from, double to) {
        static Scale of(double lo, double hi, double from, double to) {
            if (hi - lo < 1e-12) {
                double pad = Math.abs(lo) > 0 ? Math.abs(lo) * 0.1 : 1;
                return new Scale(lo - pad, hi + pad, from, to);
            }
            return new Scale(lo, hi, from, to);
        }

        double at(double v) {
            return from + (v - lo) / (hi - lo) * (to - from);
        }
    }
}
