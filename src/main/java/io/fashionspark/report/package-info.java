/** Run outputs: the run folder, metrics and report JSON files, and provenance. */
package io.fashionspark.report;
