/**
 * Writing files safely: atomic writes (temporary name, then rename) and the one JSON mapping of
 * the project's files.
 *
 * <p>Uses: nothing of this project.
 */
package io.fashionspark.files;
