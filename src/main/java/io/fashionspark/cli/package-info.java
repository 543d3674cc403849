/** picocli commands: the only place that prints for people, reads the environment or exits. */
package io.fashionspark.cli;
