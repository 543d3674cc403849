package io.fashionspark.config;

/**
 * The allowed values of one numeric setting: the one definition that the configuration
 * records, the command line and the Spark ML params all check against.
 *
 * @param key          the setting's key, named in every error
 * @param min          lower bound
 * @param minIncluded  whether {@code min} itself is allowed
 * @param max          upper bound ({@code Double.POSITIVE_INFINITY}: none, and infinity is not allowed)
 * @param maxIncluded  whether {@code max} itself is allowed
 * @param expected     the allowed values in words, as errors show them ("an integer in [1, 100000]")
 */
public record Range(String key, double min, boolean minIncluded, double max, boolean maxIncluded, String expected) {
    /** Integers in [min, max]. */
    static Range integers(String key, long min, long max) {
        return new Range(key, min, true, max, true, "an integer in [" + min + ", " + max + "]");
    }

    /** True when {@code value} is allowed (never for NaN). */
    public boolean contains(double value) {
        boolean aboveMin = minIncluded ? value >= min : value > min;
        boolean belowMax = maxIncluded ? value <= max : value < max;
        return aboveMin && belowMax;
    }

    /**
     * Returns {@code value} when allowed.
     *
     * @throws IllegalArgumentException naming the key, the allowed values and {@code value}
     */
    public double check(double value) {
        PropertyReader.check(contains(value), key, expected, value);
        return value;
    }

    /** As {@link #check(double)}, for an integer setting (the message shows it without a fraction). */
    public long check(long value) {
        PropertyReader.check(contains(value), key, expected, value);
        return value;
    }
}
