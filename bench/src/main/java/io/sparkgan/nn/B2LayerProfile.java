package io.sparkgan.nn;

import io.sparkgan.gan.GanLoss;
import io.sparkgan.gan.GanStep;
import io.sparkgan.model.DcganSpec;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import java.util.List;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Per-layer timings of the B2 reference DCGAN on one thread (not a test: run its main, see
 * docs/compute-path.md). For each layer: forward (training mode), backward with parameter
 * gradients, and backward without them (D frozen in the G phase); the MIN over repeats, in ms,
 * so other processes on a shared machine inflate the figures as little as possible.
 *
 * <pre>./mvnw -B -q -Pbench -pl bench -am -DskipTests package
 * java -cp bench/target/classes:$(cat bench/target/classpath.txt) io.sparkgan.nn.B2LayerProfile [batch=32] [repeats=30]</pre>
 */
public final class B2LayerProfile {
    private B2LayerProfile() {}

    public static void main(String[] args) {
        int batch = args.length > 0 ? Integer.parseInt(args[0]) : 32;
        int repeats = args.length > 1 ? Integer.parseInt(args[1]) : 30;
        DcganSpec spec = DcganSpec.reference(DataType.FLOAT);
        Network g = spec.buildGenerator();
        Network d = spec.buildDiscriminator();
        g.initialize(new java.util.Random(1));
        d.initialize(new java.util.Random(2));
        INDArray z = Nd4j.rand(DataType.FLOAT, batch, spec.latentDim()).subi(0.5);
        INDArray real = Nd4j.rand(DataType.FLOAT, batch, spec.dataDim()).muli(2).subi(1);
        System.out.printf("batch %d, min over %d repeats, ms%n", batch, repeats);
        profile("G", g, z, repeats);
        profile("D", d, real, repeats);
        // Whole iteration on this thread as the trainer runs it: D phase then G phase.
        GanStep step = new GanStep(spec);
        FlatVector thetaG = FlatVector.of(g.params());
        FlatVector thetaD = FlatVector.of(d.params());
        double best = Double.MAX_VALUE;
        for (int r = 0; r < repeats; r++) {
            long t0 = System.nanoTime();
            step.discriminatorGradient(thetaG, thetaD, real, z, GanLoss.NON_SATURATING, 0.0);
            step.generatorGradient(thetaG, thetaD, z, GanLoss.NON_SATURATING);
            best = Math.min(best, (System.nanoTime() - t0) / 1e6);
        }
        System.out.printf("iteration (GanStep D phase + G phase, batch %d): %.1f ms = %.0f img/s on this thread%n",
                batch, best, batch * 1000.0 / best);
    }

    private static void profile(String name, Network net, INDArray input, int repeats) {
        List<Layer> layers = net.layers();
        int n = layers.size();
        double[] fwd = new double[n];
        double[] bwd = new double[n];
        double[] frozen = new double[n];
        java.util.Arrays.fill(fwd, Double.MAX_VALUE);
        java.util.Arrays.fill(bwd, Double.MAX_VALUE);
        java.util.Arrays.fill(frozen, Double.MAX_VALUE);
        int first = 0;
        while (layers.get(first).numParams() == 0) first++;
        double paramsOnly = Double.MAX_VALUE;
        for (int r = 0; r < repeats; r++) {
          try (MemoryWorkspace ws = StepWorkspace.open()) {
            INDArray x = input;
            for (int i = 0; i < n; i++) {
                long t0 = System.nanoTime();
                x = layers.get(i).forward(x, true);
                fwd[i] = Math.min(fwd[i], (System.nanoTime() - t0) / 1e6);
            }
            for (boolean accumulate : new boolean[] {true, false}) {
                INDArray gr = x.ulike().assign(0.01);
                for (int i = n - 1; i >= 0; i--) {
                    if (accumulate && i == first) {
                        long t0 = System.nanoTime();
                        layers.get(i).backwardParamsOnly(gr);
                        paramsOnly = Math.min(paramsOnly, (System.nanoTime() - t0) / 1e6);
                    }
                    long t0 = System.nanoTime();
                    gr = layers.get(i).backward(gr, accumulate);
                    double ms = (System.nanoTime() - t0) / 1e6;
                    if (accumulate) bwd[i] = Math.min(bwd[i], ms);
                    else frozen[i] = Math.min(frozen[i], ms);
                }
            }
          }
        }
        {
            System.out.printf("%-2s %-40s %8s %8s %8s%n", name, "layer", "fwd", "bwd", "bwd-frozen");
            double sf = 0;
            double sb = 0;
            double sz = 0;
            for (int i = 0; i < n; i++) {
                System.out.printf("   %-40s %8.2f %8.2f %8.2f%n", label(layers.get(i)), fwd[i], bwd[i], frozen[i]);
                sf += fwd[i];
                sb += bwd[i];
                sz += frozen[i];
            }
            System.out.printf("   %-40s %8.2f %8.2f %8.2f%n", "sum", sf, sb, sz);
            System.out.printf("   first layer, parameters-only backward (what training runs): %.2f%n", paramsOnly);
        }
    }

    private static String label(Layer l) {
        String s = l.toString();
        return s.contains("@") ? l.getClass().getSimpleName() : s;
    }
}
