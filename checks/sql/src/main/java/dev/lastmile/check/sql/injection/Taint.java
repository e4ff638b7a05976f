package dev.lastmile.check.sql.injection;

/**
 * Where a Jinja value comes from, as far as injection is concerned. {@link #SAFE} for everything the project's code
 * decides (literals, {@code ref()}, {@code this}, {@code target}, config, numbers, quoted or cast values).
 *
 * @param source  the untrusted origin, or null when safe
 * @param label   how to name it in a message: {@code var('start_date')}, {@code macro argument `account_id`}
 * @param offset  where the value is used in the file (for the finding's line), or -1
 * @param escaped single quotes were escaped (safe inside a quoted literal, not bare)
 * @param compared the value was already placed after a comparison ({@code "id = " ~ x}) in a fragment that was then
 *                 folded into a list or string whose shape is no longer followed
 */
record Taint(Source source, String label, int offset, boolean escaped, boolean compared) {

    Taint(Source source, String label, int offset, boolean escaped) {
        this(source, label, offset, escaped, false);
    }

    /** RUN_CONF: Airflow template inputs set when a DAG is triggered ({@code dag_run.conf}, {@code params}, XComs). */
    enum Source { VAR, ENV_VAR, MACRO_ARG, QUERY_RESULT, RUN_CONF }

    static final Taint SAFE = new Taint(null, "", -1, false);

    boolean untrusted() {
        return source != null;
    }

    Taint at(int newOffset) {
        return untrusted() ? new Taint(source, label, newOffset, escaped, compared) : this;
    }

    Taint escapedCopy() {
        return untrusted() ? new Taint(source, label, offset, true, compared) : this;
    }

    Taint comparedCopy() {
        return untrusted() ? new Taint(source, label, offset, escaped, true) : this;
    }

    /** The more dangerous of two taints: untrusted wins; of two untrusted, the unescaped one. */
    static Taint join(Taint a, Taint b) {
        if (!a.untrusted()) {
            return b;
        }
        if (!b.untrusted()) {
            return a;
        }
        if (a.compared() != b.compared()) {
            return a.compared() ? a : b;
        }
        return a.escaped() && !b.escaped() ? b : a;
    }
}
