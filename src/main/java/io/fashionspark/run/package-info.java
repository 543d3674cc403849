/**
 * The run folder: its lock, checkpoints, the writer and reader of its files (configuration,
 * metrics, test report, provenance), build info, and the session that starts or resumes a run in
 * it.
 *
 * <p>Uses: {@code config}, {@code data}, {@code eval}, {@code files}, {@code model}, {@code train}.
 */
package io.fashionspark.run;
