package io.fashionspark.train;

/** Training produced a NaN or infinite loss or parameters; the run stops (the CLI exits 1). */
public class DivergenceException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final int epoch;

    public DivergenceException(int epoch, String message) {
        super(message);
        this.epoch = epoch;
    }

    /** The 0-based epoch that diverged; nothing of it was kept. */
    public int epoch() {
        return epoch;
    }
}
