/** Distributed evaluation (per-partition confusion counts merged by reduce) and its report records. */
package io.fashionspark.eval;
