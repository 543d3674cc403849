/**
 * The benchmark: each case in its own JVM, timed on the real data, and the cost model of parameter
 * averaging.
 *
 * <p>Uses: {@code config}, {@code data}, {@code eval}, {@code files}, {@code model}, {@code spark}, {@code train}.
 */
package io.fashionspark.bench;
