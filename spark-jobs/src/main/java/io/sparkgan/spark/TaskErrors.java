package io.sparkgan.spark;

import io.sparkgan.util.DataFormatException;
import java.util.function.Supplier;

/** Errors of Spark tasks as the user should see them. */
public final class TaskErrors {
    private TaskErrors() {}

    /**
     * Runs a Spark job, rethrowing a bad-input error of a task as itself (its message names the file
     * and line, or the column and row) instead of wrapped in Spark's stage-failure report.
     *
     * @param job the action to run
     * @return what it returned
     * @throws DataFormatException with the task's message, when a task failed on bad input
     */
    public static <T> T unwrapped(Supplier<T> job) {
        try {
            return job.get();
        } catch (Exception e) { // SparkException too: Scala throws it undeclared
            for (Throwable c = e.getCause(); c != null; c = c.getCause()) {
                if (c instanceof DataFormatException bad) throw new DataFormatException(bad.getMessage(), e);
            }
            throw e;
        }
    }
}
