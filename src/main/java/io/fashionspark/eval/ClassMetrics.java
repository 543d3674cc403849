package io.fashionspark.eval;

/** Precision, recall and F1 of one class, with its support (true examples of the class). */
public record ClassMetrics(int label, String name, double precision, double recall, double f1, long support) {
}
