/**
 * The datasets: reading, validating, locating and downloading IDX files (typed errors for bad
 * input), image rows cut from a broadcast, the per-epoch split, and minibatches with the recipe's
 * pixel scaling.
 *
 * <p>Uses: {@code config}, {@code files}.
 */
package io.fashionspark.data;
