package io.fashionspark.report;

import java.util.List;

/**
 * Geometry and colours of the confusion-matrix heatmap, shared by the SVG and PNG renderers.
 * Cells are coloured by their share of the true class (the row): the diagonal in blue, the
 * mistakes in red, both on a square-root scale so that small confusions still show.
 *
 * @param matrix counts [true][predicted]
 * @param names  class names, one per row and column
 */
record ConfusionLayout(long[][] matrix, List<String> names) {
    static final int CELL = 46;
    static final int LEFT = 120;
    static final int TOP = 124;
    static final int RIGHT = 16;
    static final int BOTTOM = 16;

    int size() {
        return matrix.length;
    }

    int width() {
        return LEFT + size() * CELL + RIGHT;
    }

    int height() {
        return TOP + size() * CELL + BOTTOM;
    }

    int cellX(int col) {
        return LEFT + col * CELL;
    }

    int cellY(int row) {
        return TOP + row * CELL;
    }

    /** Share of row {@code row}'s examples that fell in column {@code col}; 0 for an empty row. */
    double share(int row, int col) {
        long total = 0;
        for (long c : matrix[row]) {
            total += c;
        }
        return total == 0 ? 0 : (double) matrix[row][col] / total;
    }

    /** Colour intensity of a cell in [0, 1]. */
    double intensity(int row, int col) {
        return Math.sqrt(share(row, col));
    }

    /** The cell's fill as {r, g, b}. */
    int[] rgb(int row, int col) {
        int[] target = row == col ? new int[] {31, 119, 180} : new int[] {214, 39, 40};
        double t = intensity(row, col);
        int[] out = new int[3];
        for (int i = 0; i < 3; i++) {
            out[i] = (int) Math.round(255 + (target[i] - 255) * t);
        }
        return out;
    }

    /** True when the count is best written in white on this cell. */
    boolean darkCell(int row, int col) {
        return intensity(row, col) > 0.62;
    }
}
