/**
 * The benchmark: each case in its own JVM, timed on the real data, and the cost model of parameter
 * averaging; and the photo benchmark: photo-like test sets and the scorer's accuracy on them.
 *
 * <p>Uses: {@code config}, {@code data}, {@code eval}, {@code files}, {@code model}, {@code score}, {@code spark}, {@code train}.
 */
package io.fashionspark.bench;
