/**
 * The network: the factory (configuration to DL4J configuration), the Adam updater, the model
 * store, and {@code Classifier}, the one type that turns pixels into probabilities and classes.
 *
 * <p>Uses: {@code config}, {@code data}, {@code files}.
 */
package io.fashionspark.model;
