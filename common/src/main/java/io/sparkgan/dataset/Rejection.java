package io.sparkgan.dataset;

import java.io.Serializable;

/** An input file left out of a prepared data set, and why. */
public record Rejection(String file, String reason) implements Serializable {
}
