/**
 * How this project sets up Spark: the session factory (loopback defaults, Kryo) and the Kryo
 * registrator that ships INDArrays as raw bytes.
 *
 * <p>Uses: {@code data}.
 */
package io.fashionspark.spark;
