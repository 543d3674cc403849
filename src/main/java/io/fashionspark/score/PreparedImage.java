package io.fashionspark.score;

/**
 * An image ready for the network: 28x28 light-on-black grey levels, before the training scaling.
 *
 * @param pixels   784 unsigned grey levels, row by row, as in an IDX file
 * @param width    width of the decoded image
 * @param height   height of the decoded image
 * @param inverted whether its grey levels were inverted
 */
public record PreparedImage(byte[] pixels, int width, int height, boolean inverted) {
}
