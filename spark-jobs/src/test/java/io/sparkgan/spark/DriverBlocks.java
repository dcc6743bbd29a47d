package io.sparkgan.spark;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.spark.SparkEnv;
import org.apache.spark.storage.BlockId;
import org.apache.spark.storage.BlockManager;
import org.apache.spark.storage.BlockResult;
import org.apache.spark.storage.BroadcastBlockId;
import scala.Option;
import scala.collection.JavaConverters;
import scala.runtime.AbstractFunction1;

/**
 * What the running SparkContext's driver still holds in its block manager: the values of live
 * broadcasts, to check that a failed job released what it had published. Contexts of such checks
 * run with {@link #NO_GARBAGE_CLEANUP}: otherwise Spark's ContextCleaner removes a leaked
 * broadcast whenever the garbage collector happens to find it unreachable, and a leak shows or
 * not by chance.
 */
public final class DriverBlocks {
    /** Spark settings that keep every broadcast until it is destroyed explicitly. */
    public static final Map<String, String> NO_GARBAGE_CLEANUP = Map.of("spark.cleaner.referenceTracking", "false",
            "spark.ui.enabled", "false");

    private DriverBlocks() {}

    /**
     * The values of {@code type} still broadcast once the releases already requested have had time
     * to happen ({@code Broadcast.destroy()} removes the blocks asynchronously): waits up to 10 s for
     * none to be left and returns what is left then.
     *
     * @param type the class of value looked for
     */
    public static List<Object> broadcastValuesLeft(Class<?> type) throws InterruptedException {
        long deadline = System.nanoTime() + 10_000_000_000L;
        List<Object> left = broadcastValues(type);
        while (!left.isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(100);
            left = broadcastValues(type);
        }
        return left;
    }

    /**
     * The values of every broadcast still held on the driver that are instances of {@code type}.
     *
     * @param type the class of value looked for
     */
    public static List<Object> broadcastValues(Class<?> type) {
        BlockManager blocks = SparkEnv.get().blockManager();
        Set<BlockId> ids = new LinkedHashSet<>(JavaConverters.seqAsJavaList(blocks.getMatchingBlockIds(
                new AbstractFunction1<BlockId, Object>() {
                    @Override
                    public Object apply(BlockId id) {
                        // The whole value; its pieces ("piece0", ...) are serialised bytes.
                        return id instanceof BroadcastBlockId b && b.field().isEmpty();
                    }
                })));
        List<Object> values = new ArrayList<>();
        for (BlockId id : ids) {
            Option<BlockResult> result = blocks.getLocalValues(id);
            if (result.isEmpty()) continue;
            scala.collection.Iterator<Object> data = result.get().data();
            while (data.hasNext()) { // read to the end: that releases the block's read lock
                Object value = data.next();
                if (type.isInstance(value)) values.add(value);
            }
        }
        return values;
    }
}
