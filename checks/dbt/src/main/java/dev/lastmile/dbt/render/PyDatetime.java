package dev.lastmile.dbt.render;

import dev.lastmile.dbt.model.Placeholders;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;

/**
 * Python's {@code datetime} module as dbt exposes it ({@code modules.datetime}), without a clock: "now" is the fixed
 * {@code run_started_at} (2024-01-01 00:00:00 UTC), so formatted dates in SQL stay literals and two scans agree.
 * {@code datetime} and {@code date} values ({@link Value}), {@code timedelta} ({@link Delta}),
 * {@code strftime}/{@code strptime}/{@code isoformat}, and arithmetic: Jinjava's EL cannot add a timedelta to a
 * date, so {@link TemplateRewrites#dateArithmetic} turns {@code d - modules.datetime.timedelta(..)} into a call of
 * {@link #ADD}, which does it here.
 */
final class PyDatetime {

    static final LocalDateTime RUN_STARTED_AT = LocalDateTime.of(2024, 1, 1, 0, 0);
    /** The built-in the date-arithmetic rewrite calls: {@code __lm_date_add(value, delta, sign)}. */
    static final String ADD = "__lm_date_add";

    private PyDatetime() {
    }

    /** The {@code modules.datetime} namespace. */
    static MacroLibrary.PlaceholderNamespace module() {
        MacroLibrary.PlaceholderNamespace m = new MacroLibrary.PlaceholderNamespace("modules.datetime");
        m.put("datetime", new DatetimeType());
        m.put("date", new DateType());
        m.put("timedelta", new JavaMacro("timedelta", (a, k) -> delta(a, k)));
        MacroLibrary.PlaceholderNamespace tz = new MacroLibrary.PlaceholderNamespace("modules.datetime.timezone");
        tz.put("utc", "UTC");
        m.put("timezone", tz);
        return m;
    }

    /** {@code timedelta(days, seconds, microseconds, milliseconds, minutes, hours, weeks)}, as Python orders them. */
    static Delta delta(List<Object> a, Map<String, Object> k) {
        String[] names = {"days", "seconds", "microseconds", "milliseconds", "minutes", "hours", "weeks"};
        double seconds = 0;
        double[] unit = {86_400, 1, 1e-6, 1e-3, 60, 3_600, 604_800};
        for (int i = 0; i < names.length; i++) {
            Object v = i < a.size() ? a.get(i) : k.get(names[i]);
            if (v instanceof Number n) {
                seconds += n.doubleValue() * unit[i];
            } else if (v != null) {
                try {
                    seconds += Double.parseDouble(String.valueOf(v).strip()) * unit[i];
                } catch (NumberFormatException e) {
                    // not a number: a placeholder from a var nobody set; the delta stays what the rest makes it
                }
            }
        }
        return new Delta(Duration.ofMillis(Math.round(seconds * 1000)));
    }

    /** {@code value + sign * delta} for dates, numbers for numbers, else a placeholder (never a failed rendering). */
    static Object add(Object value, Object delta, Object sign) {
        int s = sign instanceof Number n && n.intValue() < 0 ? -1 : 1;
        Value v = value instanceof Value x ? x : parse(value);
        if (v != null && delta instanceof Delta d) {
            return v.plus(s > 0 ? d.duration : d.duration.negated());
        }
        if (v != null && delta instanceof Value other && s < 0) {
            return new Delta(Duration.between(other.at, v.at));
        }
        if (value instanceof Number x && delta instanceof Number y) {
            return x.doubleValue() + s * y.doubleValue();
        }
        return Placeholders.UNKNOWN + "date";
    }

    private static Value parse(Object o) {
        if (o == null) {
            return null;
        }
        String s = String.valueOf(o).strip();
        try {
            return s.length() <= 10 ? new Value(LocalDate.parse(s).atStartOfDay(), true)
                    : new Value(LocalDateTime.parse(s.replace(' ', 'T')), false);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    /** {@code modules.datetime.datetime}: callable as a constructor, with Python's class methods. */
    public static final class DatetimeType extends JavaMacro {
        DatetimeType() {
            super("datetime", (a, k) -> new Value(LocalDateTime.of(i(a, 0, 1970), i(a, 1, 1), i(a, 2, 1), i(a, 3, 0),
                    i(a, 4, 0), i(a, 5, 0)), false));
        }

        public Value now(Object... tz) {
            return new Value(RUN_STARTED_AT, false);
        }

        public Value utcnow() {
            return now();
        }

        public Value today() {
            return now();
        }

        public Value strptime(Object text, Object format) {
            Value v = parse(text);
            return v != null ? new Value(v.at, false) : new Value(RUN_STARTED_AT, false);
        }

        public Value fromisoformat(Object text) {
            return strptime(text, null);
        }
    }

    /** {@code modules.datetime.date}. */
    public static final class DateType extends JavaMacro {
        DateType() {
            super("date", (a, k) -> new Value(LocalDate.of(i(a, 0, 1970), i(a, 1, 1), i(a, 2, 1)).atStartOfDay(), true));
        }

        public Value today() {
            return new Value(RUN_STARTED_AT, true);
        }

        public Value fromisoformat(Object text) {
            Value v = parse(text);
            return v != null ? new Value(v.at, true) : today();
        }
    }

    private static int i(List<Object> a, int index, int dflt) {
        return index < a.size() && a.get(index) instanceof Number n ? n.intValue() : dflt;
    }

    /** A {@code timedelta}: prints as Python does ({@code 2 days, 0:00:00}). */
    public static final class Delta {
        final Duration duration;

        Delta(Duration duration) {
            this.duration = duration;
        }

        public long getDays() {
            return duration.toDays();
        }

        public long getSeconds() {
            return duration.minusDays(duration.toDays()).toSeconds();
        }

        public double total_seconds() {
            return duration.toMillis() / 1000.0;
        }

        @Override
        public String toString() {
            long days = duration.toDays();
            Duration rest = duration.minusDays(days);
            String time = String.format("%d:%02d:%02d", rest.toHours(), rest.toMinutesPart(), rest.toSecondsPart());
            return days == 0 ? time : days + (Math.abs(days) == 1 ? " day, " : " days, ") + time;
        }
    }

    /** A {@code datetime} (or a {@code date}, which prints without its time). */
    public static final class Value {
        final LocalDateTime at;
        private final boolean dateOnly;

        Value(LocalDateTime at, boolean dateOnly) {
            this.at = at;
            this.dateOnly = dateOnly;
        }

        Value plus(Duration d) {
            return new Value(at.plus(d), dateOnly);
        }

        /** Python's {@code strftime}: {@code '%Y'} is {@code 2024}, {@code '%Y-%m-%d'} is {@code 2024-01-01}. */
        public String strftime(Object format) {
            String f = String.valueOf(format);
            StringBuilder b = new StringBuilder();
            for (int i = 0; i < f.length(); i++) {
                char c = f.charAt(i);
                if (c != '%' || i + 1 >= f.length()) {
                    b.append(c);
                    continue;
                }
                char d = f.charAt(++i);
                b.append(switch (d) {
                    case 'Y' -> String.valueOf(at.getYear());
                    case 'y' -> String.format("%02d", at.getYear() % 100);
                    case 'm' -> String.format("%02d", at.getMonthValue());
                    case 'd' -> String.format("%02d", at.getDayOfMonth());
                    case 'H' -> String.format("%02d", at.getHour());
                    case 'I' -> String.format("%02d", at.getHour() % 12 == 0 ? 12 : at.getHour() % 12);
                    case 'p' -> at.getHour() < 12 ? "AM" : "PM";
                    case 'M' -> String.format("%02d", at.getMinute());
                    case 'S' -> String.format("%02d", at.getSecond());
                    case 'f' -> String.format("%06d", at.getNano() / 1000);
                    case 'j' -> String.format("%03d", at.getDayOfYear());
                    case 'b' -> at.getMonth().getDisplayName(java.time.format.TextStyle.SHORT, java.util.Locale.ENGLISH);
                    case 'B' -> at.getMonth().getDisplayName(java.time.format.TextStyle.FULL, java.util.Locale.ENGLISH);
                    case 'a' -> at.getDayOfWeek().getDisplayName(java.time.format.TextStyle.SHORT, java.util.Locale.ENGLISH);
                    case 'A' -> at.getDayOfWeek().getDisplayName(java.time.format.TextStyle.FULL, java.util.Locale.ENGLISH);
                    case 'w' -> String.valueOf(at.getDayOfWeek().getValue() % 7);
                    case 'z' -> "+0000";
                    case 'Z' -> "UTC";
                    case '%' -> "%";
                    default -> "%" + d;
                });
            }
            return b.toString();
        }

        /** {@code .astimezone(tz)}, {@code .replace(tzinfo=..)}: the same instant (everything is UTC here). */
        public Value astimezone(Object zone) {
            return this;
        }

        public int getYear() {
            return at.getYear();
        }

        public int getMonth() {
            return at.getMonthValue();
        }

        public int getDay() {
            return at.getDayOfMonth();
        }

        public int getHour() {
            return at.getHour();
        }

        public int weekday() {
            return at.getDayOfWeek().getValue() - 1;
        }

        public int isoweekday() {
            return at.getDayOfWeek().getValue();
        }

        public String isoformat() {
            return dateOnly ? at.toLocalDate().toString() : at.toLocalDate() + "T" + time();
        }

        public Value date() {
            return new Value(at.toLocalDate().atStartOfDay(), true);
        }

        private String time() {
            return String.format("%02d:%02d:%02d", at.getHour(), at.getMinute(), at.getSecond());
        }

        @Override
        public String toString() {
            return dateOnly ? at.toLocalDate().toString() : at.toLocalDate() + " " + time();
        }
    }
}
