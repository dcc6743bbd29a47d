package io.sparkgan.train;

/**
 * A phase's merged result and where its time went on the driver's side.
 *
 * @param result the merged partition results
 * @param broadcastNanos time to publish the request (serialise and broadcast)
 * @param jobNanos wall time of the distributed job, scheduling and aggregation included
 * @param bytesBroadcast bytes of parameters and state sent
 * @param bytesAggregated bytes of the partitions' own results as they travelled (in train.result-encoding), plus,
 *     with train.aggregation = sliced, the merged slices' bytes from the reducers to the driver
 */
public record PhaseOutcome(PhaseResult result, long broadcastNanos, long jobNanos, long bytesBroadcast,
                           long bytesAggregated) {
}
