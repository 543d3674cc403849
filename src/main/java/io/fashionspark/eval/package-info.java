/**
 * Evaluation of a {@code Classifier} on labelled images as a map-reduce, and its report records.
 *
 * <p>Uses: {@code data}, {@code model}.
 */
package io.fashionspark.eval;
