/**
 * Rendering only: HTML, SVG and PNG pages from a run folder's records or an evaluation.
 *
 * <p>Uses: {@code data}, {@code eval}, {@code files}, {@code model}, {@code run}, {@code train}.
 */
package io.fashionspark.report;
