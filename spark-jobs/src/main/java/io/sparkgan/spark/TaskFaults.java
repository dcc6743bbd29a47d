package io.sparkgan.spark;

import org.apache.spark.TaskContext;

/**
 * Fault injection for retry tests and chaos drills: when the job-local property
 * {@value #FAIL_FIRST_ATTEMPT} holds a partition index, that partition's task throws on its first
 * attempt of every phase, and Spark's retry must produce the identical result.
 * Set with {@code sc.setLocalProperty(TaskFaults.FAIL_FIRST_ATTEMPT, "1")}; unset costs nothing.
 */
public final class TaskFaults {
    public static final String FAIL_FIRST_ATTEMPT = "sparkgan.faults.failFirstAttemptOfPartition";

    private TaskFaults() {}

    static void maybeFail(int partition) {
        TaskContext task = TaskContext.get();
        if (task == null) return;
        String target = task.getLocalProperty(FAIL_FIRST_ATTEMPT);
        if (target != null && Integer.parseInt(target.trim()) == partition && task.attemptNumber() == 0) {
            throw new InjectedFault("injected failure of partition " + partition + ", stage " + task.stageId()
                    + ", attempt 0 (" + FAIL_FIRST_ATTEMPT + ")");
        }
    }

    /** The exception an injected fault throws. */
    public static final class InjectedFault extends RuntimeException {
        private static final long serialVersionUID = 1L;

        InjectedFault(String message) {
            super(message);
        }
    }
}
