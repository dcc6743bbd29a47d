import io.sparkgan.gan.GanLoss;
import io.sparkgan.gan.GanStep;
import io.sparkgan.gan.PhaseStats;
import io.sparkgan.model.DcganSpec;
import io.sparkgan.model.DiscriminatorNorm;
import io.sparkgan.nn.ConditionalBatchNorm;
import io.sparkgan.nn.FlatVector;
import io.sparkgan.nn.Layer;
import io.sparkgan.nn.Network;
import io.sparkgan.nn.StandingStatistics;
import java.io.DataOutputStream;
import java.io.FileOutputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * deploy/bench/b4-torch-peer-check.sh, the sparkgan side: builds a class-conditional DCGAN (args[1]: dcgan28-sn,
 * dcgan28-bn or reference; 10 classes, double precision), perturbs its conditional batch norms' gammas and
 * betas so the classes differ, and writes into args[0], as raw big-endian doubles, its parameters and buffers,
 * the inputs, and the results of one D step and one G step (hinge loss; loss sums, gradient sums, buffers after
 * each), of standing statistics over given latents, and of eval-mode samples of classes i mod K.
 */
public class B4TorchPeerCheck {
    static String out;

    static void dump(String name, double[] v) throws IOException {
        try (DataOutputStream o = new DataOutputStream(new BufferedOutputStream(new FileOutputStream(out + "/" + name)))) {
            for (double x : v) o.writeDouble(x); // big-endian
        }
    }

    static void dump(String name, INDArray a) throws IOException {
        dump(name, a.castTo(DataType.DOUBLE).dup('c').data().asDouble());
    }

    static void dump(String name, int[] v) throws IOException {
        double[] d = new double[v.length];
        for (int i = 0; i < v.length; i++) d[i] = v[i];
        dump(name, d);
    }

    static INDArray normal(SplittableRandom r, int n, int d, double mean, double std) {
        double[] v = new double[n * d];
        for (int i = 0; i < v.length; i++) v[i] = mean + std * r.nextGaussian();
        return Nd4j.create(v, new long[] {n, d}, 'c');
    }

    static int[] uniform(SplittableRandom r, int n, int k) {
        int[] y = new int[n];
        for (int i = 0; i < n; i++) y[i] = r.nextInt(k);
        return y;
    }

    public static void main(String[] args) throws Exception {
        out = args[0];
        String model = args.length > 1 ? args[1] : "dcgan28-sn";
        int n = 8, classes = 10;
        DataType t = DataType.DOUBLE;
        DcganSpec spec = model.equals("reference")
                ? DcganSpec.reference(t).withClasses(classes)
                : new DcganSpec(DcganSpec.Variant.RADFORD, 28, 1, 100, 64, 64,
                        model.equals("dcgan28-bn") ? DiscriminatorNorm.BATCH_NORM : DiscriminatorNorm.SPECTRAL_NORM,
                        classes, t);
        GanStep step = new GanStep(spec);
        Network g = step.generator();
        Network d = step.discriminator();
        g.initialize(new SplittableRandom(11));
        d.initialize(new SplittableRandom(12));
        // Conditional batch norm starts as plain batch norm (gamma 1, beta 0): make its classes differ.
        SplittableRandom noise = new SplittableRandom(13);
        INDArray pg = g.params();
        long off = 0;
        for (Layer l : g.layers()) {
            if (l instanceof ConditionalBatchNorm) {
                for (long i = off; i < off + l.numParams(); i++) pg.putScalar(i, pg.getDouble(i) + 0.3 * noise.nextGaussian());
            }
            off += l.numParams();
        }
        FlatVector thetaG = FlatVector.of(pg.dup());
        FlatVector thetaD = FlatVector.of(d.params().dup());
        dump("thetaG", thetaG.doubles());
        dump("thetaD", thetaD.doubles());
        dump("buffersG0", g.bufferCopy().doubles());
        dump("buffersD0", d.bufferCopy().doubles());

        SplittableRandom r = new SplittableRandom(14);
        double[] realV = new double[n * 784];
        for (int i = 0; i < realV.length; i++) realV[i] = r.nextDouble() * 2 - 1;
        INDArray real = Nd4j.create(realV, new long[] {n, 784}, 'c');
        int[] yReal = uniform(r, n, classes);
        INDArray zD = normal(r, n, 100, 0, 1);
        int[] yD = uniform(r, n, classes);
        INDArray zG = normal(r, n, 100, 0, 1);
        int[] yG = uniform(r, n, classes);
        dump("real", real); dump("yReal", yReal); dump("zD", zD); dump("yD", yD); dump("zG", zG); dump("yG", yG);

        PhaseStats ds = step.discriminatorGradient(thetaG, thetaD, real, yReal, zD, yD, GanLoss.HINGE, 0.0, 0.0);
        dump("gradD", d.gradients());
        dump("lossD", new double[] {ds.lossSum});
        dump("buffersG1", g.bufferCopy().doubles());
        dump("buffersD1", d.bufferCopy().doubles());
        PhaseStats gs = step.generatorGradient(thetaG, thetaD, zG, yG, GanLoss.HINGE);
        dump("gradG", g.gradients());
        dump("lossG", new double[] {gs.lossSum});
        dump("buffersG2", g.bufferCopy().doubles());
        dump("buffersD2", d.bufferCopy().doubles());

        // Standing statistics over given latents with balanced labels, then eval-mode samples of classes i mod K.
        List<INDArray> batches = new ArrayList<>();
        List<int[]> labels = new ArrayList<>();
        for (int b = 0; b < 4; b++) {
            batches.add(normal(r, 16, 100, 0, 1));
            labels.add(GanStep.balancedLabels(16, classes));
            dump("standingZ" + b, batches.get(b));
        }
        g.setParams(thetaG);
        FlatVector standing = StandingStatistics.recompute(g, batches, labels);
        dump("standing", standing.doubles());
        INDArray zS = normal(r, 12, 100, 0, 1);
        dump("zS", zS);
        dump("samples", step.generate(thetaG, zS));
        System.out.println("sparkgan " + spec.describe() + ": D loss sum " + ds.lossSum + ", G loss sum " + gs.lossSum);
    }
}
