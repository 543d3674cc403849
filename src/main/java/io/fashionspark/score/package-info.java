/**
 * Scoring image files: decoding any PNG, JPEG, BMP or GIF into a 28x28 input (pure Java, run on
 * the executors), the Spark job that scores a folder with a broadcast {@code Classifier}, and the
 * PNG export of IDX sets.
 *
 * <p>Uses: {@code data}, {@code files}, {@code model}.
 */
package io.fashionspark.score;
