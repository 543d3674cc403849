/** Reading, validating, locating and downloading the Fashion-MNIST IDX files, with typed errors for bad input. */
package io.fashionspark.data;
