package io.sparkgan.ml;

import io.sparkgan.gan.GanStep;
import io.sparkgan.gan.GanStepCache;
import io.sparkgan.images.ImageShape;
import io.sparkgan.model.GanModelSpec;
import io.sparkgan.run.GeneratorSnapshot;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import org.apache.spark.api.java.function.Function2;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Generates one example per input row on the executor, {@value #CHUNK} rows per forward pass of G,
 * with this task thread's cached networks. The output row is the input row with the example
 * appended (transform), or the example first, then the input row, then the class asked for (generate).
 */
final class GeneratedRows implements Function2<Integer, Iterator<Row>, Iterator<Row>> {
    private static final long serialVersionUID = 1L;
    static final int CHUNK = 256;

    /** Where the generated value goes in the output row. */
    enum Layout {
        /** input columns, then the example */
        APPENDED,
        /** the example, then the input columns, then (conditional models) the class */
        FIRST_WITH_LABEL
    }

    private final Broadcast<GeneratorSnapshot> generator;
    private final LatentRows latents;
    private final RowLabels labels;
    private final FeatureKind outputKind;
    private final ImageShape imageShape;
    private final Layout layout;

    /**
     * @param generator the generator to sample with
     * @param latents where each row's z comes from
     * @param labels each row's class (null for an unconditional generator)
     * @param outputKind the type of the generated column
     * @param imageShape the generated images' shape (image kinds), or null
     * @param layout where the generated value goes
     */
    GeneratedRows(Broadcast<GeneratorSnapshot> generator, LatentRows latents, RowLabels labels, FeatureKind outputKind,
                  ImageShape imageShape, Layout layout) {
        this.imageShape = imageShape;
        this.generator = generator;
        this.latents = latents;
        this.labels = labels;
        this.outputKind = outputKind;
        this.layout = layout;
    }

    @Override
    public Iterator<Row> call(Integer partition, Iterator<Row> input) {
        GeneratorSnapshot g = generator.value();
        GanModelSpec spec = g.spec();
        GanStep step = GanStepCache.forCurrentThread(spec);
        int latentDim = spec.latentDim();
        int dim = spec.dataDim();
        return new Iterator<>() {
            private final List<Row> chunk = new ArrayList<>(CHUNK);
            private final List<Row> out = new ArrayList<>(CHUNK);
            private int next;
            private long rowIndex;

            @Override
            public boolean hasNext() {
                if (next < out.size()) return true;
                if (!input.hasNext()) return false;
                fill();
                return next < out.size();
            }

            @Override
            public Row next() {
                if (!hasNext()) throw new NoSuchElementException();
                return out.get(next++);
            }

            private void fill() {
                chunk.clear();
                out.clear();
                next = 0;
                while (chunk.size() < CHUNK && input.hasNext()) chunk.add(input.next());
                int n = chunk.size();
                double[] z = new double[n * latentDim];
                int[] classes = labels == null ? null : new int[n];
                for (int i = 0; i < n; i++) {
                    long index = rowIndex + i;
                    latents.fill(chunk.get(i), index, partition, g.prior(), z, i * latentDim, latentDim);
                    if (classes != null) classes[i] = labels.label(chunk.get(i), index, partition, spec.classes());
                }
                rowIndex += n;
                float[] x = g.generate(step, Nd4j.createFromArray(z).reshape(n, latentDim).castTo(spec.dataType()),
                        classes);
                for (int i = 0; i < n; i++) out.add(row(chunk.get(i), outputKind.value(x, i, dim, imageShape),
                        classes == null ? null : classes[i]));
            }
        };
    }

    private Row row(Row in, Object generated, Integer label) {
        int extra = layout == Layout.FIRST_WITH_LABEL && label != null ? 2 : 1;
        Object[] values = new Object[in.length() + extra];
        int at = layout == Layout.APPENDED ? 0 : 1;
        for (int j = 0; j < in.length(); j++) values[at + j] = in.get(j);
        values[layout == Layout.APPENDED ? in.length() : 0] = generated;
        if (extra == 2) values[values.length - 1] = label;
        return RowFactory.create(values);
    }
}
