package io.sparkgan.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sparkgan.gan.Phase;
import io.sparkgan.nn.FlatVector;
import io.sparkgan.train.PhaseRequest;
import io.sparkgan.train.PhaseResult;
import java.io.IOException;
import java.io.Serializable;
import java.lang.reflect.Modifier;
import java.net.URISyntaxException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import org.apache.spark.SparkConf;
import org.apache.spark.serializer.KryoSerializer;
import org.apache.spark.serializer.SerializerInstance;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import scala.reflect.ClassTag$;

class KryoRegistrationTest {

    @Test
    void everySerializableSparkganClassIsRegisteredForJavaSerialization() throws Exception {
        TreeSet<String> found = new TreeSet<>();
        for (Class<?> anchor : List.of(FlatVector.class, SparkganKryoRegistrator.class)) {
            for (String name : classNames(anchor)) {
                Class<?> c = Class.forName(name, false, getClass().getClassLoader());
                boolean concrete = !c.isInterface() && !c.isEnum() && !Modifier.isAbstract(c.getModifiers());
                boolean sparkFunction = Stream.of(c.getInterfaces())
                        .anyMatch(i -> i.getName().startsWith("org.apache.spark.api.java.function."));
                // Closures (Spark functions) are always Java-serialised by Spark; exceptions never travel as data.
                if (concrete && Serializable.class.isAssignableFrom(c) && !sparkFunction
                        && !Throwable.class.isAssignableFrom(c)) {
                    found.add(name);
                }
            }
        }
        assertTrue(found.size() > 20, "scan found too few classes: " + found);
        assertEquals(found, new TreeSet<>(SparkganKryoRegistrator.JAVA_SERIALIZED),
                "SparkganKryoRegistrator.JAVA_SERIALIZED must list exactly the serialisable sparkgan classes");
    }

    @Test
    void vectorsResultsAndNd4jArraysSurviveTheConfiguredKryo() {
        // The configuration every sparkgan context gets (SparkContexts.create).
        SparkConf conf = SparkContexts.conf("kryo-test", "local[1]", Map.of());
        assertEquals(KryoSerializer.class.getName(), conf.get("spark.serializer"));
        SerializerInstance kryo = new KryoSerializer(conf).newInstance();

        float[] values = new float[1_000_003];
        for (int i = 0; i < values.length; i++) values[i] = (float) Math.sin(i) * 1e-3f * i;
        FlatVector vector = FlatVector.wrap(values);
        FlatVector back = roundTrip(kryo, vector);
        assertArrayEquals(values, back.floats());

        PhaseResult result = new PhaseResult();
        result.vector = vector;
        result.buffersG = FlatVector.wrap(new float[] {1, 2});
        result.buffersD = FlatVector.wrap(new float[] {3});
        result.partitions = 1;
        result.computeNanosMax = 42;
        PhaseResult resultBack = roundTrip(kryo, result);
        assertArrayEquals(values, resultBack.vector.floats());
        assertArrayEquals(new float[] {1, 2}, resultBack.buffersG.floats());
        assertEquals(42, resultBack.computeNanosMax);

        PhaseRequest request = new PhaseRequest(Phase.GENERATOR, 7, 0, vector, result.buffersD, null, 3,
                result.buffersG, result.buffersD);
        PhaseRequest requestBack = roundTrip(kryo, request);
        assertEquals(7, requestBack.round());
        assertArrayEquals(values, requestBack.thetaG().floats());

        INDArray features = Nd4j.rand(DataType.FLOAT, 5, 784);
        INDArray labels = Nd4j.eye(5).castTo(DataType.FLOAT);
        DataSet dataSet = roundTrip(kryo, new DataSet(features, labels));
        assertEquals(features, dataSet.getFeatures());
        assertEquals(labels, dataSet.getLabels());
    }

    @SuppressWarnings("unchecked")
    private static <T> T roundTrip(SerializerInstance serializer, T value) {
        ByteBuffer bytes = serializer.serialize(value, ClassTag$.MODULE$.AnyRef());
        return (T) serializer.deserialize(bytes, ClassTag$.MODULE$.AnyRef());
    }

    /** Class names under io.sparkgan in the classes directory or jar that holds {@code anchor}. */
    private static List<String> classNames(Class<?> anchor) throws IOException, URISyntaxException {
        Path location = Path.of(anchor.getProtectionDomain().getCodeSource().getLocation().toURI());
        List<String> names = new ArrayList<>();
        if (Files.isDirectory(location)) {
            try (Stream<Path> files = Files.walk(location)) {
                files.map(p -> location.relativize(p).toString().replace('\\', '/'))
                        .filter(n -> n.startsWith("io/sparkgan/") && n.endsWith(".class"))
                        .forEach(n -> names.add(n.substring(0, n.length() - 6).replace('/', '.')));
            }
        } else {
            try (JarFile jar = new JarFile(location.toFile())) {
                jar.stream().map(e -> e.getName())
                        .filter(n -> n.startsWith("io/sparkgan/") && n.endsWith(".class"))
                        .forEach(n -> names.add(n.substring(0, n.length() - 6).replace('/', '.')));
            }
        }
        return names;
    }
}
