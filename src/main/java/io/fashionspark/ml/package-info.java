/**
 * Spark ML stages (the {@code FashionClassifier} estimator and its model), their persistence, and
 * the SQL prediction function: the recipe's network inside a {@code Pipeline}.
 *
 * <p>Uses: {@code config}, {@code data}, {@code eval}, {@code model}, {@code score}, {@code train}.
 */
package io.fashionspark.ml;
