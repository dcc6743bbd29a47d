package io.sparkgan.nn;

/**
 * A layer whose output depends on each example's class label as well as its input (class-conditional
 * GANs: conditional batch norm in G, the projection head of D). Labels are handed over with
 * {@link #setLabels} before a forward pass (see {@link Network#setLabels}); the forward pass
 * captures them, so its backward pass uses the labels of the batch it saw even if other labels
 * have been set since (GanStep's D phase: real pass with the real labels, then fake pass with the
 * fake labels).
 */
public interface Conditioned {

    /** Number of classes K; labels are in [0, K). */
    int classes();

    /**
     * Sets the labels of the next forward pass's rows (not copied: the caller must not change the
     * array until that forward pass has run).
     *
     * @param labels one class in [0, {@link #classes()}) per example of the next batch
     */
    void setLabels(int[] labels);
}
