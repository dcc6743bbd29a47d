package io.sparkgan.bench;

import io.sparkgan.gan.GanLoss;
import io.sparkgan.gan.GanStep;
import io.sparkgan.model.DcganSpec;
import io.sparkgan.nn.FlatVector;
import io.sparkgan.nn.Network;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CyclicBarrier;
import java.util.function.Supplier;
import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.Deconvolution2D;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.enums.WeightsFormat;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.activations.impl.ActivationLReLU;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.Conv2DConfig;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.DeConv2DConfig;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * B2 compute-path candidates side by side (issue 3; not a test: run its main, see
 * docs/compute-path.md "Candidates measured"). One iteration = D phase (G forward, D forward and
 * backward on a real and a fake batch, parameter gradients summed) + G phase (G forward, D
 * forward and backward to its input with D frozen, G backward), gradients only (no updater), for:
 * <ul>
 * <li>{@code ours}: {@link GanStep} discriminatorGradient + generatorGradient (as PartitionWork calls them);
 * <li>{@code dl4j-nchw}/{@code dl4j-nhwc}: DL4J M2 MultiLayerNetworks, D step by computeGradientAndScore,
 *   G step by D.calculateGradients (input gradient) then G.backpropGradient;
 * <li>{@code samediff}: two SameDiff graphs (D with D's weights as variables; G+D with D's weights
 *   as constants), batch norm as {@code standardize} * gamma + beta (work-around for the M2
 *   multi-consumer autodiff bug; no eps).
 * </ul>
 * Candidates run interleaved (round robin) in one JVM; the figure per candidate is the MIN over
 * repeats of one iteration (1 thread) or of a block of iterations run by 2 threads at once,
 * each with its own model copy (2 Spark task slots).
 *
 * <pre>OMP_NUM_THREADS=1 java -cp "$CP" io.sparkgan.bench.B2Candidates bench BATCH THREADS REPEATS [candidates,...]
 * java -cp "$CP" io.sparkgan.bench.B2Candidates check   # SameDiff vs GanStep gradients, DOUBLE</pre>
 */
public final class B2Candidates {
    private B2Candidates() {}

    /** One model copy of one candidate, for one thread. */
    interface Iteration {
        void run();
    }

    public static void main(String[] args) throws Exception {
        if (args.length > 0 && args[0].equals("check")) {
            check();
            return;
        }
        if (args.length > 0 && args[0].equals("profile")) {
            profile(args[1], Integer.parseInt(args[2]), Integer.parseInt(args[3]));
            return;
        }
        int batch = Integer.parseInt(args[1]);
        int threads = Integer.parseInt(args[2]);
        int repeats = Integer.parseInt(args[3]);
        String[] names = (args.length > 4 ? args[4] : "ours,dl4j-nchw,samediff").split(",");
        System.out.printf("B2 candidates: batch %d, %d thread(s), OMP_NUM_THREADS=%s, repeats %d, load %s%n", batch,
                threads, System.getenv("OMP_NUM_THREADS"), repeats, load());
        Map<String, Iteration[]> copies = new LinkedHashMap<>();
        for (String n : names) {
            Iteration[] c = new Iteration[threads];
            for (int t = 0; t < threads; t++) c[t] = create(n, batch, t);
            copies.put(n, c);
        }
        int perBlock = threads == 1 ? 1 : 2;
        Map<String, Double> best = new LinkedHashMap<>();
        for (String n : names) {
            timeBlock(copies.get(n), 2); // warm-up
            best.put(n, Double.MAX_VALUE);
        }
        for (int r = 0; r < repeats; r++) {
            for (String n : names) {
                double ms = timeBlock(copies.get(n), perBlock) / perBlock;
                best.put(n, Math.min(best.get(n), ms));
            }
        }
        double ours = best.getOrDefault("ours", Double.NaN);
        for (String n : names) {
            double ms = best.get(n);
            double imgs = threads * batch * 1000.0 / ms;
            System.out.printf("RESULT %-10s batch %3d threads %d omp %s: %8.1f ms/iteration per thread, %7.1f img/s, "
                    + "ratio to ours %.3f%n", n, batch, threads, System.getenv("OMP_NUM_THREADS"), ms, imgs,
                    ms / ours == 0 ? Double.NaN : ours / ms);
        }
        System.out.printf("load at end %s%n", load());
    }

    /**
     * Time per libnd4j op (ND4J's OpProfiler with checkElapsedTime, Java-side wall time per exec call)
     * over {@code iterations} iterations of one candidate after two warm-up iterations. BLAS calls
     * made outside ops (Nd4j.gemm in our Dense/gemm paths) are not op calls and not counted.
     */
    static void profile(String name, int batch, int iterations) {
        Iteration it = create(name, batch, 0);
        it.run();
        it.run();
        org.nd4j.linalg.profiler.OpProfiler.getInstance().reset();
        Nd4j.getExecutioner().setProfilingConfig(org.nd4j.linalg.profiler.ProfilerConfig.builder()
                .checkElapsedTime(true).build());
        long t0 = System.nanoTime();
        for (int i = 0; i < iterations; i++) it.run();
        double ms = (System.nanoTime() - t0) / 1e6 / iterations;
        Nd4j.getExecutioner().setProfilingConfig(org.nd4j.linalg.profiler.ProfilerConfig.builder().build());
        System.out.printf("PROFILE %s batch %d, %d iterations, %.1f ms/iteration (profiled), load %s%n", name, batch,
                iterations, ms, load());
        System.out.println(org.nd4j.linalg.profiler.OpProfiler.getInstance().getLongAggergator().asString());
    }

    static String load() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).trim();
        } catch (Exception e) {
            return "?";
        }
    }

    /** Runs {@code iterations} iterations on every copy at once (one thread per copy); wall ms of the slowest. */
    static double timeBlock(Iteration[] copies, int iterations) throws Exception {
        if (copies.length == 1) {
            long t0 = System.nanoTime();
            for (int i = 0; i < iterations; i++) copies[0].run();
            return (System.nanoTime() - t0) / 1e6;
        }
        CyclicBarrier start = new CyclicBarrier(copies.length);
        long[] end = new long[copies.length];
        long[] begin = new long[copies.length];
        Throwable[] err = new Throwable[1];
        List<Thread> ts = new ArrayList<>();
        for (int t = 0; t < copies.length; t++) {
            int k = t;
            Thread th = new Thread(() -> {
                try {
                    start.await();
                    begin[k] = System.nanoTime();
                    for (int i = 0; i < iterations; i++) copies[k].run();
                    end[k] = System.nanoTime();
                } catch (Throwable e) {
                    err[0] = e;
                }
            });
            th.start();
            ts.add(th);
        }
        for (Thread th : ts) th.join();
        if (err[0] != null) throw new RuntimeException(err[0]);
        long b = Long.MAX_VALUE;
        long e = 0;
        for (int t = 0; t < copies.length; t++) {
            b = Math.min(b, begin[t]);
            e = Math.max(e, end[t]);
        }
        return (e - b) / 1e6;
    }

    // ---------------------------------------------------------------- candidates

    static Iteration create(String name, int batch, int seed) {
        DcganSpec spec = DcganSpec.reference(DataType.FLOAT);
        Network g0 = spec.buildGenerator();
        Network d0 = spec.buildDiscriminator();
        g0.initialize(new java.util.Random(1 + 10L * seed));
        d0.initialize(new java.util.Random(2 + 10L * seed));
        FlatVector thetaG = FlatVector.of(g0.params());
        FlatVector thetaD = FlatVector.of(d0.params());
        Nd4j.getRandom().setSeed(3 + seed);
        INDArray z = Nd4j.rand(DataType.FLOAT, batch, 100).subi(0.5);
        INDArray real = Nd4j.rand(DataType.FLOAT, batch, 784).muli(2).subi(1);
        switch (name) {
            case "ours": {
                GanStep step = new GanStep(spec);
                return () -> {
                    step.discriminatorGradient(thetaG, thetaD, real, z, GanLoss.NON_SATURATING, 0.0);
                    step.generatorGradient(thetaG, thetaD, z, GanLoss.NON_SATURATING);
                };
            }
            case "dl4j-nchw":
                return new Dl4jGan(CNN2DFormat.NCHW, batch, real, z);
            case "dl4j-nhwc":
                return new Dl4jGan(CNN2DFormat.NHWC, batch, real, z);
            case "samediff": {
                SdGan sd = new SdGan(DataType.FLOAT, g0.params(), d0.params(), batch);
                return () -> {
                    sd.discriminatorGradient(real, z);
                    sd.generatorGradient(z);
                };
            }
            default:
                throw new IllegalArgumentException("unknown candidate " + name);
        }
    }

    // ---------------------------------------------------------------- DL4J

    /** The B2 reference DCGAN as two DL4J MultiLayerNetworks. */
    static final class Dl4jGan implements Iteration {
        final MultiLayerNetwork g;
        final MultiLayerNetwork d;
        final INDArray real;
        final INDArray z;
        final INDArray ones;
        final INDArray zeros;
        final INDArray dGrad;
        static boolean described;

        Dl4jGan(CNN2DFormat fmt, int batch, INDArray realRows, INDArray zRows) {
            boolean nchw = fmt == CNN2DFormat.NCHW;
            g = new MultiLayerNetwork(generatorConf(fmt));
            g.init();
            d = new MultiLayerNetwork(discriminatorConf(fmt));
            d.init();
            real = nchw ? realRows.reshape(batch, 1, 28, 28) : realRows.reshape(batch, 28, 28, 1);
            z = nchw ? zRows.reshape(batch, 100, 1, 1) : zRows.reshape(batch, 1, 1, 100);
            ones = Nd4j.ones(DataType.FLOAT, batch, 1);
            zeros = Nd4j.zeros(DataType.FLOAT, batch, 1);
            dGrad = Nd4j.zeros(DataType.FLOAT, 1, d.numParams());
            if (!described) {
                described = true;
                System.out.printf("DL4J %s: G %d params, D %d params (BN running mean/var are params in DL4J: "
                        + "ours G 759681, D 138689 + 2*(128+64) and 2*128); G output %s%n", fmt, g.numParams(),
                        d.numParams(), java.util.Arrays.toString(g.output(z, false).shape()));
            }
        }

        static MultiLayerConfiguration generatorConf(CNN2DFormat fmt) {
            return new NeuralNetConfiguration.Builder().dataType(DataType.FLOAT).seed(1)
                    .weightInit(WeightInit.NORMAL).convolutionMode(ConvolutionMode.Truncate).list()
                    .layer(new Deconvolution2D.Builder(7, 7).stride(1, 1).padding(0, 0).nOut(128).hasBias(false)
                            .dataFormat(fmt).activation(Activation.IDENTITY).build())
                    .layer(new BatchNormalization.Builder().eps(1e-5).decay(0.9).dataFormat(fmt).build())
                    .layer(new ActivationLayer(Activation.RELU))
                    .layer(new Deconvolution2D.Builder(4, 4).stride(2, 2).padding(1, 1).nOut(64).hasBias(false)
                            .dataFormat(fmt).activation(Activation.IDENTITY).build())
                    .layer(new BatchNormalization.Builder().eps(1e-5).decay(0.9).dataFormat(fmt).build())
                    .layer(new ActivationLayer(Activation.RELU))
                    .layer(new Deconvolution2D.Builder(4, 4).stride(2, 2).padding(1, 1).nOut(1).hasBias(true)
                            .dataFormat(fmt).activation(Activation.TANH).build())
                    .setInputType(InputType.convolutional(1, 1, 100, fmt))
                    .build();
        }

        static MultiLayerConfiguration discriminatorConf(CNN2DFormat fmt) {
            return new NeuralNetConfiguration.Builder().dataType(DataType.FLOAT).seed(2)
                    .weightInit(WeightInit.NORMAL).convolutionMode(ConvolutionMode.Truncate).list()
                    .layer(new ConvolutionLayer.Builder(4, 4).stride(2, 2).padding(1, 1).nOut(64).hasBias(true)
                            .dataFormat(fmt).activation(new ActivationLReLU(0.2)).build())
                    .layer(new ConvolutionLayer.Builder(4, 4).stride(2, 2).padding(1, 1).nOut(128).hasBias(false)
                            .dataFormat(fmt).activation(Activation.IDENTITY).build())
                    .layer(new BatchNormalization.Builder().eps(1e-5).decay(0.9).dataFormat(fmt).build())
                    .layer(new ActivationLayer(new ActivationLReLU(0.2)))
                    .layer(new OutputLayer.Builder(LossFunctions.LossFunction.XENT).nOut(1)
                            .activation(Activation.SIGMOID).build())
                    .setInputType(InputType.convolutional(28, 28, 1, fmt))
                    .build();
        }

        @Override
        public void run() {
            // D phase: G forward (training mode), D gradient on real (label 1) + fake (label 0), summed.
            INDArray fake = g.output(z, true);
            d.setInput(real);
            d.setLabels(ones);
            d.computeGradientAndScore();
            dGrad.assign(d.getFlattenedGradients());
            d.setInput(fake);
            d.setLabels(zeros);
            d.computeGradientAndScore();
            dGrad.addi(d.getFlattenedGradients());
            // G phase: G forward, dLoss/dInput of D (label 1 = non-saturating loss), G backward.
            g.setInput(z);
            List<INDArray> acts = g.feedForward(true, false);
            INDArray gFake = acts.get(acts.size() - 1);
            INDArray eps = d.calculateGradients(gFake, ones, null, null).getSecond();
            g.backpropGradient(eps, LayerWorkspaceMgr.noWorkspaces());
        }
    }

    // ---------------------------------------------------------------- SameDiff

    /**
     * The B2 reference DCGAN as SameDiff graphs, NHWC, weights in our layouts (conv2d [k,k,iC,oC],
     * deconv2d [k,k,oC,iC], Dense [6272,1]) sliced from our flat parameter vectors, so the gradients
     * can be compared with GanStep's. Losses are sums (as GanStep's gradients are).
     */
    static final class SdGan {
        final SameDiff dGraph = SameDiff.create();
        final SameDiff gGraph = SameDiff.create();
        final List<String> dVars = new ArrayList<>();
        final List<String> gVars = new ArrayList<>();
        final String fakeName;

        SdGan(DataType dt, INDArray thetaG, INDArray thetaD, int batch) {
            // D graph: real and fake placeholders, D's weights as variables.
            INDArray[] dp = slices(thetaD, new long[][] {{4, 4, 1, 64}, {64}, {4, 4, 64, 128}, {128}, {128}, {6272, 1}, {1}});
            SDVariable[] dv = new SDVariable[dp.length];
            String[] dn = {"d_w1", "d_b1", "d_w2", "d_gamma", "d_beta", "d_w3", "d_b3"};
            for (int i = 0; i < dp.length; i++) {
                dv[i] = dGraph.var(dn[i], dp[i].castTo(dt));
                dVars.add(dn[i]);
            }
            SDVariable real = dGraph.placeHolder("real", dt, -1, 784);
            SDVariable fake = dGraph.placeHolder("fake", dt, -1, 784);
            SDVariable lossD = dGraph.nn().softplus(discriminator(dGraph, real, dv).neg()).sum()
                    .add(dGraph.nn().softplus(discriminator(dGraph, fake, dv)).sum());
            dGraph.setLossVariables(lossD.rename("lossD").name());

            // G graph: z placeholder, G's weights as variables, D's as constants.
            INDArray[] gp = slices(thetaG, new long[][] {{7, 7, 128, 100}, {128}, {128}, {4, 4, 64, 128}, {64}, {64},
                    {4, 4, 1, 64}, {1}});
            String[] gn = {"g_w1", "g_gamma1", "g_beta1", "g_w2", "g_gamma2", "g_beta2", "g_w3", "g_b3"};
            SDVariable[] gv = new SDVariable[gp.length];
            for (int i = 0; i < gp.length; i++) {
                gv[i] = gGraph.var(gn[i], gp[i].castTo(dt));
                gVars.add(gn[i]);
            }
            SDVariable[] dc = new SDVariable[dp.length];
            for (int i = 0; i < dp.length; i++) dc[i] = gGraph.constant("c_" + dn[i], dp[i].castTo(dt));
            SDVariable zv = gGraph.placeHolder("z", dt, -1, 100);
            SDVariable out = generator(gGraph, zv, gv);
            fakeName = out.name();
            SDVariable lossG = gGraph.nn().softplus(discriminator(gGraph, out, dc).neg()).sum();
            gGraph.setLossVariables(lossG.rename("lossG").name());
        }

        static INDArray[] slices(INDArray flat, long[][] shapes) {
            INDArray[] r = new INDArray[shapes.length];
            long off = 0;
            for (int i = 0; i < shapes.length; i++) {
                long n = 1;
                for (long s : shapes[i]) n *= s;
                r[i] = flat.get(NDArrayIndex.interval(off, off + n)).dup().reshape('c', shapes[i]);
                off += n;
            }
            if (off != flat.length()) throw new IllegalStateException("layout mismatch: " + off + " vs " + flat.length());
            return r;
        }

        /** Training-mode batch norm over all axes but the last: standardize (biased variance, no eps). */
        static SDVariable batchNorm(SameDiff sd, SDVariable x, SDVariable gamma, SDVariable beta) {
            return sd.math().standardize(x, 0, 1, 2).mul(gamma).add(beta);
        }

        static SDVariable discriminator(SameDiff sd, SDVariable rows, SDVariable[] p) {
            SDVariable x = rows.reshape(-1, 28, 28, 1);
            Conv2DConfig c = Conv2DConfig.builder().kH(4).kW(4).sH(2).sW(2).pH(1).pW(1).dH(1).dW(1)
                    .dataFormat("NHWC").weightsFormat(WeightsFormat.YXIO).build();
            SDVariable h = sd.nn().leakyRelu(sd.cnn().conv2d(x, p[0], p[1], c), 0.2);
            h = sd.cnn().conv2d(h, p[2], c);
            h = sd.nn().leakyRelu(batchNorm(sd, h, p[3], p[4]), 0.2);
            return h.reshape(-1, 6272).mmul(p[5]).add(p[6]);
        }

        static SDVariable generator(SameDiff sd, SDVariable z, SDVariable[] p) {
            SDVariable x = z.reshape(-1, 1, 1, 100);
            DeConv2DConfig c1 = DeConv2DConfig.builder().kH(7).kW(7).sH(1).sW(1).pH(0).pW(0).dH(1).dW(1)
                    .dataFormat("NHWC").build();
            DeConv2DConfig c2 = DeConv2DConfig.builder().kH(4).kW(4).sH(2).sW(2).pH(1).pW(1).dH(1).dW(1)
                    .dataFormat("NHWC").build();
            SDVariable h = sd.nn().relu(batchNorm(sd, sd.cnn().deconv2d(x, p[0], c1), p[1], p[2]), 0);
            h = sd.nn().relu(batchNorm(sd, sd.cnn().deconv2d(h, p[3], c2), p[4], p[5]), 0);
            h = sd.math().tanh(sd.cnn().deconv2d(h, p[6], p[7], c2));
            return h.reshape(-1, 784);
        }

        Map<String, INDArray> discriminatorGradient(INDArray real, INDArray z) {
            INDArray fake = gGraph.output(Map.of("z", z), fakeName).get(fakeName);
            Map<String, INDArray> ph = new HashMap<>();
            ph.put("real", real);
            ph.put("fake", fake);
            return dGraph.calculateGradients(ph, dVars);
        }

        Map<String, INDArray> generatorGradient(INDArray z) {
            return gGraph.calculateGradients(Map.of("z", z), gVars);
        }

        static INDArray flat(Map<String, INDArray> grads, List<String> order) {
            List<INDArray> parts = new ArrayList<>();
            for (String n : order) parts.add(grads.get(n).dup('c').reshape(new long[] {grads.get(n).length()}));
            return Nd4j.concat(0, parts.toArray(new INDArray[0]));
        }
    }

    // ---------------------------------------------------------------- gradient check

    /** SameDiff's gradients vs GanStep's on the same weights and inputs, DOUBLE; and vs central differences. */
    static void check() {
        for (int batch : new int[] {8, 32}) for (boolean scalePreBn : new boolean[] {false, true}) {
            DcganSpec spec = DcganSpec.reference(DataType.DOUBLE);
            GanStep step = new GanStep(spec);
            step.generator().initialize(new java.util.Random(1));
            step.discriminator().initialize(new java.util.Random(2));
            if (scalePreBn) {
                // Scale the weights feeding each batch norm by 1000: BN's output does not change except
                // through eps, whose relative effect drops from ~1e-1 (pre-BN variances ~1e-4) to ~1e-7,
                // so our eps=1e-5 BN and SameDiff's eps-free standardize compute the same function.
                step.discriminator().params().get(NDArrayIndex.interval(1088, 1088 + 131072)).muli(1000);
                step.generator().params().get(NDArrayIndex.interval(0, 627200)).muli(1000);
                step.generator().params().get(NDArrayIndex.interval(627456, 627456 + 131072)).muli(1000);
            }
            System.out.printf("--- batch %d, pre-BN weights scaled by 1000: %s%n", batch, scalePreBn);
            FlatVector thetaG = FlatVector.of(step.generator().params());
            FlatVector thetaD = FlatVector.of(step.discriminator().params());
            Nd4j.getRandom().setSeed(3);
            INDArray z = Nd4j.rand(DataType.DOUBLE, batch, 100).subi(0.5);
            INDArray real = Nd4j.rand(DataType.DOUBLE, batch, 784).muli(2).subi(1);
            SdGan sd = new SdGan(DataType.DOUBLE, step.generator().params().dup(), step.discriminator().params().dup(), batch);

            step.discriminatorGradient(thetaG, thetaD, real, z, GanLoss.NON_SATURATING, 0.0);
            INDArray oursD = step.discriminator().gradients().dup();
            step.generatorGradient(thetaG, thetaD, z, GanLoss.NON_SATURATING);
            INDArray oursG = step.generator().gradients().dup();
            INDArray sdD = SdGan.flat(sd.discriminatorGradient(real, z), sd.dVars);
            INDArray sdG = SdGan.flat(sd.generatorGradient(z), sd.gVars);
            System.out.printf("batch %d: D gradient |sd - ours| / |ours| = %.3e (max abs diff %.3e, max |ours| %.3e)%n",
                    batch, sdD.sub(oursD).norm2Number().doubleValue() / oursD.norm2Number().doubleValue(),
                    sdD.sub(oursD).amaxNumber().doubleValue(), oursD.amaxNumber().doubleValue());
            System.out.printf("batch %d: G gradient |sd - ours| / |ours| = %.3e (max abs diff %.3e, max |ours| %.3e)%n",
                    batch, sdG.sub(oursG).norm2Number().doubleValue() / oursG.norm2Number().doubleValue(),
                    sdG.sub(oursG).amaxNumber().doubleValue(), oursG.amaxNumber().doubleValue());
            for (int k = 0; k < sd.dVars.size(); k++) {
                perVar("D", sd.dVars.get(k), sd.discriminatorGradient(real, z), oursD, sd.dVars, k);
            }
            for (int k = 0; k < sd.gVars.size(); k++) {
                perVar("G", sd.gVars.get(k), sd.generatorGradient(z), oursG, sd.gVars, k);
            }
            if (batch == 8) finiteDifferences(sd, real, z);
            System.out.printf("   SD_CHECK batch %d scaled %s: D %.3e G %.3e%n", batch, scalePreBn, sdD.sub(oursD).norm2Number().doubleValue() / oursD.norm2Number().doubleValue(), sdG.sub(oursG).norm2Number().doubleValue() / oursG.norm2Number().doubleValue());
        }
    }

    static void perVar(String net, String name, Map<String, INDArray> sdGrads, INDArray ours, List<String> order, int k) {
        long off = 0;
        for (int i = 0; i < k; i++) off += sdGrads.get(order.get(i)).length();
        INDArray s = sdGrads.get(name).dup('c').reshape(new long[] {sdGrads.get(name).length()});
        INDArray o = ours.get(NDArrayIndex.interval(off, off + s.length()));
        System.out.printf("   %s %-9s rel diff %.3e%n", net, name,
                s.sub(o).norm2Number().doubleValue() / Math.max(1e-300, o.norm2Number().doubleValue()));
    }

    /** Central differences of SameDiff's own loss for a few parameters of every variable (the graph is self-consistent?). */
    static void finiteDifferences(SdGan sd, INDArray real, INDArray z) {
        Map<String, INDArray> gd = sd.discriminatorGradient(real, z);
        Map<String, INDArray> gg = sd.generatorGradient(z);
        INDArray fake = sd.gGraph.output(Map.of("z", z), sd.fakeName).get(sd.fakeName);
        double worst = 0;
        java.util.Random rng = new java.util.Random(5);
        for (boolean isD : new boolean[] {true, false}) {
            SameDiff graph = isD ? sd.dGraph : sd.gGraph;
            Map<String, INDArray> ph = isD ? Map.of("real", real, "fake", fake) : Map.of("z", z);
            String loss = isD ? "lossD" : "lossG";
            for (String v : isD ? sd.dVars : sd.gVars) {
                INDArray arr = graph.getVariable(v).getArr();
                INDArray gr = (isD ? gd : gg).get(v);
                for (int t = 0; t < 3; t++) {
                    long i = rng.nextInt((int) arr.length());
                    double x = arr.getDouble(i);
                    double h = 1e-5;
                    arr.putScalar(i, x + h);
                    double lp = graph.output(ph, loss).get(loss).getDouble(0);
                    arr.putScalar(i, x - h);
                    double lm = graph.output(ph, loss).get(loss).getDouble(0);
                    arr.putScalar(i, x);
                    double fd = (lp - lm) / (2 * h);
                    double ad = gr.getDouble(i);
                    double rel = Math.abs(fd - ad) / Math.max(1e-8, Math.abs(fd) + Math.abs(ad));
                    worst = Math.max(worst, rel);
                }
            }
        }
        System.out.printf("SameDiff vs its own central differences (3 entries per variable, D and G): worst rel %.3e%n", worst);
    }
}
