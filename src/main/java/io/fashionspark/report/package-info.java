/** Run outputs: the run folder, metrics and report JSON files, provenance, and the self-contained HTML/PNG report. */
package io.fashionspark.report;
