package dev.lastmile.dbt.model;

/** How a select item's value relates to the columns it reads: what PII rules need to know. */
public enum Derivation {
    /** the column itself, or a cast, trim, lower, coalesce, concat... of it: the value still identifies a person */
    DIRECT,
    /**
     * computed from it into something else: an age from a date of birth, a date difference, arithmetic, a length.
     * It may still be sensitive, but it is not the value.
     */
    DERIVED,
    /** a one-way hash or a masking function of it ({@code sha2}, {@code md5}, {@code farm_fingerprint}) */
    HASHED,
    /** an aggregate that does not return the value ({@code count}, {@code sum}, {@code avg}, ...) */
    AGGREGATED,
    /** no column at all: a literal, a placeholder */
    CONSTANT
}
