package io.sparkgan.evaluator;

import java.io.Serializable;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import org.nd4j.linalg.schedule.ExponentialSchedule;
import org.nd4j.linalg.schedule.ISchedule;
import org.nd4j.linalg.schedule.MapSchedule;
import org.nd4j.linalg.schedule.ScheduleType;

/**
 * The evaluator's learning rate over the epochs of one {@code sparkgan evaluator train}: from
 * {@code start} in the first epoch to {@code end} in the last, one value per epoch, as a DL4J
 * {@link ISchedule} of type EPOCH on the Adam updater. The schedule travels with the network
 * configuration to the DL4J Spark workers (ParameterAveragingTrainingMaster ships the
 * configuration, epoch count included, with every averaging round) and SparkDl4jMultiLayer
 * counts the epochs, so each epoch's workers step with that epoch's rate.
 *
 * @param start learning rate of the first epoch
 * @param end learning rate of the last epoch (equal to start for {@link Decay#NONE})
 * @param decay the curve between them
 * @param epochs epochs of this training (the schedule's epoch 0 is its first)
 */
public record LearningRateSchedule(double start, double end, Decay decay, int epochs) implements Serializable {
    /** How the rate goes from start to end. */
    public enum Decay {
        /** start in every epoch. */
        NONE,
        /** Geometric: start * (end / start)^(e / (epochs - 1)). */
        EXPONENTIAL,
        /** Half a cosine: end + (start - end) (1 + cos(pi e / (epochs - 1))) / 2. */
        COSINE;

        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public LearningRateSchedule {
        if (decay == null) throw new IllegalArgumentException("--lr-decay is required");
        if (!(start > 0) || Double.isInfinite(start)) {
            throw new IllegalArgumentException("--learning-rate must be positive, got " + start);
        }
        if (!(end > 0) || Double.isInfinite(end)) {
            throw new IllegalArgumentException("--final-learning-rate must be positive, got " + end);
        }
        if (end > start) {
            throw new IllegalArgumentException("--final-learning-rate (" + end + ") must not exceed --learning-rate ("
                    + start + "): the schedule only decays");
        }
        if (epochs < 1) throw new IllegalArgumentException("--epochs must be at least 1, got " + epochs);
        if (decay == Decay.NONE) end = start;
    }

    /** The rate of epoch {@code e} (0-based; epochs past the last keep the last rate). */
    public double at(int e) {
        if (decay == Decay.NONE || epochs == 1) return start;
        double t = Math.min(1.0, Math.max(0, e) / (double) (epochs - 1));
        return switch (decay) {
            case EXPONENTIAL -> start * Math.pow(end / start, t);
            case COSINE -> end + (start - end) * (1 + Math.cos(Math.PI * t)) / 2;
            case NONE -> start;
        };
    }

    /** The DL4J schedule (type EPOCH) giving {@link #at} for each epoch. */
    public ISchedule toSchedule() {
        if (decay == Decay.EXPONENTIAL && epochs > 1) {
            // valueAt(epoch) = start * gamma^epoch; capped below at the last epoch's value by the epochs we run.
            return new ExponentialSchedule(ScheduleType.EPOCH, start, Math.pow(end / start, 1.0 / (epochs - 1)));
        }
        Map<Integer, Double> values = new HashMap<>();
        for (int e = 0; e < epochs; e++) values.put(e, at(e));
        return new MapSchedule(ScheduleType.EPOCH, values);
    }

    /** "Adam 0.001 -> 1.0E-5 (exponential over 6 epochs)" or "Adam 0.001". */
    public String describe() {
        if (decay == Decay.NONE || start == end) return "Adam " + start;
        return "Adam " + start + " -> " + end + " (" + decay.label() + " decay per epoch over " + epochs + " epochs)";
    }
}
