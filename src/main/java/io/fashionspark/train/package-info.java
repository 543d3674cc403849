/** The epoch loop and the only classes that touch DL4J's Spark API (parameter averaging). */
package io.fashionspark.train;
