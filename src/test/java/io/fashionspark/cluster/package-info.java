/** Integration tests on a real Spark standalone cluster on 127.0.0.1, and checks of the jar submitted to it. */
package io.fashionspark.cluster;
