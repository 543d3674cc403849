/**
 * Test fixtures shared across packages: a tiny IDX writer, a generator of small, learnable
 * Fashion-MNIST-like datasets, and local files as {@code Location}s.
 */
package io.fashionspark.testing;
