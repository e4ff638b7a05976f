package dev.lastmile.functions.common;

import java.util.Locale;
import java.util.Optional;

/**
 * The check families as deployed: the check's name (in scan jobs and store keys), its GitHub check run, and the
 * environment variable holding its queue's URL. The webhook fans a job out to every family whose queue is set.
 */
public enum CheckFamily {
    SQL("sql", "lastmile/sql", "LASTMILE_QUEUE_SQL"),
    SECRETS("secrets", "lastmile/credentials", "LASTMILE_QUEUE_SECRETS"),
    LICENSES("licenses", "lastmile/dependencies", "LASTMILE_QUEUE_LICENSES"),
    RESIDENCY("residency", "lastmile/residency", "LASTMILE_QUEUE_RESIDENCY");

    private final String check;
    private final String checkRunName;
    private final String queueVariable;

    CheckFamily(String check, String checkRunName, String queueVariable) {
        this.check = check;
        this.checkRunName = checkRunName;
        this.queueVariable = queueVariable;
    }

    public String check() {
        return check;
    }

    public String checkRunName() {
        return checkRunName;
    }

    public String queueVariable() {
        return queueVariable;
    }

    public static Optional<CheckFamily> byCheck(String check) {
        for (CheckFamily f : values()) {
            if (f.check.equals(check)) {
                return Optional.of(f);
            }
        }
        return Optional.empty();
    }

    /** The family of a GitHub check run name ({@code lastmile/credentials} → secrets). */
    public static Optional<CheckFamily> byCheckRunName(String name) {
        String n = name == null ? "" : name.strip().toLowerCase(Locale.ROOT);
        for (CheckFamily f : values()) {
            if (f.checkRunName.equals(n)) {
                return Optional.of(f);
            }
        }
        return Optional.empty();
    }
}
