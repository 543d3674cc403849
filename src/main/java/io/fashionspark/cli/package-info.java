/**
 * picocli commands: the only place that prints for people, reads the environment or exits.
 *
 * <p>Uses: {@code bench}, {@code config}, {@code data}, {@code eval}, {@code files}, {@code model}, {@code report}, {@code run}, {@code score}, {@code spark}, {@code train}.
 */
package io.fashionspark.cli;
