package dev.tunebench.runners.onnx.template;

import java.time.DayOfWeek;
import java.time.LocalDateTime;
import java.time.format.TextStyle;
import java.time.temporal.IsoFields;
import java.util.Locale;

/** Python's datetime.strftime on a naive local time, in the C locale (what transformers' strftime_now gives). */
final class Strftime {
    private Strftime() {
    }

    static String format(LocalDateTime t, String pattern) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < pattern.length(); i++) {
            char c = pattern.charAt(i);
            if (c != '%' || i + 1 >= pattern.length()) {
                b.append(c);
                continue;
            }
            char d = pattern.charAt(++i);
            boolean noPad = d == '-' && i + 1 < pattern.length();
            if (noPad) {
                d = pattern.charAt(++i);
            }
            String v = directive(t, d);
            b.append(noPad && v.length() > 1 && v.charAt(0) == '0' ? v.replaceFirst("^0+(?=.)", "") : v);
        }
        return b.toString();
    }

    private static String directive(LocalDateTime t, char d) {
        switch (d) {
            case 'a': return t.getDayOfWeek().getDisplayName(TextStyle.SHORT, Locale.ENGLISH);
            case 'A': return t.getDayOfWeek().getDisplayName(TextStyle.FULL, Locale.ENGLISH);
            case 'w': return Integer.toString(t.getDayOfWeek().getValue() % 7);
            case 'u': return Integer.toString(t.getDayOfWeek().getValue());
            case 'd': return two(t.getDayOfMonth());
            case 'e': return String.format("%2d", t.getDayOfMonth());
            case 'b':
            case 'h': return t.getMonth().getDisplayName(TextStyle.SHORT, Locale.ENGLISH);
            case 'B': return t.getMonth().getDisplayName(TextStyle.FULL, Locale.ENGLISH);
            case 'm': return two(t.getMonthValue());
            case 'y': return two(t.getYear() % 100);
            case 'Y': return Integer.toString(t.getYear());
            case 'G': return Integer.toString(t.get(IsoFields.WEEK_BASED_YEAR));
            case 'V': return two(t.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR));
            case 'H': return two(t.getHour());
            case 'I': return two(t.getHour() % 12 == 0 ? 12 : t.getHour() % 12);
            case 'p': return t.getHour() < 12 ? "AM" : "PM";
            case 'M': return two(t.getMinute());
            case 'S': return two(t.getSecond());
            case 'f': return String.format("%06d", t.getNano() / 1000);
            case 'j': return String.format("%03d", t.getDayOfYear());
            case 'U': return two(week(t, DayOfWeek.SUNDAY));
            case 'W': return two(week(t, DayOfWeek.MONDAY));
            case 'c': return directive(t, 'a') + " " + directive(t, 'b') + " " + directive(t, 'e') + " "
                    + directive(t, 'X') + " " + directive(t, 'Y');
            case 'x': return directive(t, 'm') + "/" + directive(t, 'd') + "/" + directive(t, 'y');
            case 'X':
            case 'T': return directive(t, 'H') + ":" + directive(t, 'M') + ":" + directive(t, 'S');
            case 'D': return directive(t, 'x');
            case 'F': return directive(t, 'Y') + "-" + directive(t, 'm') + "-" + directive(t, 'd');
            case 'R': return directive(t, 'H') + ":" + directive(t, 'M');
            case 'n': return "\n";
            case 't': return "\t";
            case 'z':
            case 'Z': return "";
            case '%': return "%";
            default: return "%" + d;
        }
    }

    /** %U / %W: weeks whose first day is {@code first}; days before the first such day are week 0. */
    private static int week(LocalDateTime t, DayOfWeek first) {
        int dayOfYear = t.getDayOfYear() - 1;
        int weekday = (t.getDayOfWeek().getValue() - first.getValue() + 7) % 7;
        return (dayOfYear - weekday + 7) / 7;
    }

    private static String two(int v) {
        return v < 10 ? "0" + v : Integer.toString(v);
    }
}
