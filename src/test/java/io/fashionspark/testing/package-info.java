/** Test fixtures shared across packages: a tiny IDX writer and a generator of small, learnable Fashion-MNIST-like datasets. */
package io.fashionspark.testing;
