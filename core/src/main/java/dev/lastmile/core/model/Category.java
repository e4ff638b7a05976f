package dev.lastmile.core.model;

/** What kind of problem a finding is. The ids are stable strings used in every output. */
public enum Category {
    PII("pii"),
    CREDENTIALS("credentials"),
    SQL_INJECTION("sql-injection"),
    TEMPORAL("temporal"),
    SQL_HYGIENE("sql-hygiene"),
    RESIDENCY("residency"),
    LICENSE("license"),
    VULNERABILITY("vulnerability"),
    PARSE("parse"),
    CONFIG("config"),
    /** A change that breaks what depends on it downstream (a dropped column still read, a deleted model still ref()'d). */
    IMPACT("impact"),
    /** A query whose result is wrong by construction (a join fan-out multiplying an aggregate). */
    CORRECTNESS("correctness"),
    /** A new or changed model missing what production needs (description, grain test, unique_key, contract). */
    READINESS("readiness");

    private final String id;

    Category(String id) {
        this.id = id;
    }

    public String id() {
        return id;
    }

    public static Category parse(String id) {
        for (Category c : values()) {
            if (c.id.equals(id)) {
                return c;
            }
        }
        throw new IllegalArgumentException("unknown category '" + id + "'");
    }

    @Override
    public String toString() {
        return id;
    }
}
