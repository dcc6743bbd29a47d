package io.sparkgan.ml;

import io.sparkgan.spark.SparkganKryoRegistrator;
import java.util.Arrays;
import org.apache.spark.SparkConf;
import org.apache.spark.SparkContext;

/**
 * Refuses a context whose serializer would silently break sparkgan's objects: Kryo without
 * {@link SparkganKryoRegistrator} copies a {@code FlatVector} (whose arrays are transient and
 * written by its own serialisation) as an empty vector. Java serialisation (Spark's default) and
 * Kryo with the registrator are both correct.
 */
final class SerializerCheck {
    private SerializerCheck() {}

    /**
     * @param sc the caller's context
     * @throws IllegalStateException naming the setting to add, if it uses Kryo without sparkgan's registrator
     */
    static void require(SparkContext sc) {
        SparkConf conf = sc.getConf();
        String serializer = conf.get("spark.serializer", "org.apache.spark.serializer.JavaSerializer");
        if (!serializer.equals("org.apache.spark.serializer.KryoSerializer")) return;
        String registrators = conf.get("spark.kryo.registrator", "");
        boolean ours = Arrays.stream(registrators.split(",")).map(String::trim)
                .anyMatch(SparkganKryoRegistrator.class.getName()::equals);
        if (!ours) {
            throw new IllegalStateException("this SparkContext serialises with Kryo (spark.serializer) but without"
                    + " sparkgan's registrator, which would corrupt parameter vectors; add the setting"
                    + " spark.kryo.registrator=" + SparkganKryoRegistrator.class.getName()
                    + (registrators.isBlank() ? "" : " to the registrators already there (" + registrators + ")")
                    + ", or use Spark's default Java serializer");
        }
    }
}
