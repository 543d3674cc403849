/**
 * Scoring image files: decoding any PNG, JPEG, BMP or GIF into a Fashion-MNIST input (pure Java,
 * run on the executors), the Spark job that scores a folder with a broadcast model, and the PNG
 * export of IDX sets.
 */
package io.fashionspark.score;
