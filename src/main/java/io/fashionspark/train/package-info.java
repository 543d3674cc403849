/**
 * The epoch loop and the only classes that touch DL4J's Spark API (parameter averaging).
 *
 * <p>Uses: {@code config}, {@code data}, {@code eval}, {@code model}, {@code spark}.
 */
package io.fashionspark.train;
