package io.sparkgan.bench;

import java.util.Map;
import java.util.function.BiFunction;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Probe: which SameDiff M2 formulations of training-mode batch norm get correct gradients (double, central FD). */
public final class SameDiffBnProbe {
    private SameDiffBnProbe() {}

    public static void main(String[] args) {
        Nd4j.getRandom().setSeed(7);
        INDArray x0 = Nd4j.randn(DataType.DOUBLE, 8, 3);
        INDArray w = Nd4j.randn(DataType.DOUBLE, 8, 3);
        check("V1 y=tanh(x); sum(w*(y-mean(y))^2)", x0, w, (sd, x) -> {
            SDVariable y = sd.math().tanh(x);
            SDVariable c = y.sub(y.mean(true, 0));
            return c.mul(c).mul(sd.constant(w)).sum();
        });
        check("V2 y=tanh(x); sum(w*y)+sum(y*y)", x0, w, (sd, x) -> {
            SDVariable y = sd.math().tanh(x);
            return y.mul(sd.constant(w)).sum().add(y.mul(y).sum());
        });
        check("V3 y=tanh(x); mean by matmul(ones)", x0, w, (sd, x) -> {
            SDVariable y = sd.math().tanh(x);
            SDVariable m = sd.mmul(sd.constant(Nd4j.ones(DataType.DOUBLE, 1, 8).divi(8)), y);
            SDVariable c = y.sub(m);
            return c.mul(c).mul(sd.constant(w)).sum();
        });
        check("V4 y=tanh(x); y - mean(identity(y))", x0, w, (sd, x) -> {
            SDVariable y = sd.math().tanh(x);
            SDVariable c = y.sub(sd.identity(y).mean(true, 0));
            return c.mul(c).mul(sd.constant(w)).sum();
        });
        check("V5 y=tanh(x); BN naive (mean, centred var)", x0, w, (sd, x) -> bnNaive(sd, sd.math().tanh(x), w));
        check("V6 y=tanh(x); fused batchNorm + moments", x0, w, (sd, x) -> {
            SDVariable y = sd.math().tanh(x);
            SDVariable[] mv = sd.math().moments(y, new int[] {0}, false);
            SDVariable o = sd.nn().batchNorm(y, mv[0], mv[1], sd.constant(Nd4j.ones(DataType.DOUBLE, 3)),
                    sd.constant(Nd4j.zeros(DataType.DOUBLE, 3)), 1e-5, 1);
            return o.mul(sd.constant(w)).sum();
        });
        check("V8 y=tanh(x); y - mmul(ones col, mmul(ones row, y)/m)", x0, w, (sd, x) -> {
            SDVariable y = sd.math().tanh(x);
            SDVariable m = sd.mmul(sd.constant(Nd4j.ones(DataType.DOUBLE, 1, 8).divi(8)), y);
            SDVariable c = y.sub(sd.mmul(sd.constant(Nd4j.ones(DataType.DOUBLE, 8, 1)), m));
            return c.mul(c).mul(sd.constant(w)).sum();
        });
        check("V9 y=tanh(x); y - b (b constant [1,3])", x0, w, (sd, x) -> {
            SDVariable y = sd.math().tanh(x);
            SDVariable c = y.sub(sd.constant(Nd4j.rand(DataType.DOUBLE, 1, 3)));
            return c.mul(c).mul(sd.constant(w)).sum();
        });
        check("V10 y=tanh(x); y * s(y) (s=[1,3] from y)", x0, w, (sd, x) -> {
            SDVariable y = sd.math().tanh(x);
            SDVariable c = y.mul(y.sum(true, 0));
            return c.mul(sd.constant(w)).sum();
        });
        check("V11 y=tanh(x); sum(w*y) + sum(y.mean(0)*v)", x0, w, (sd, x) -> {
            SDVariable y = sd.math().tanh(x);
            return y.mul(sd.constant(w)).sum().add(y.mean(true, 0).mul(sd.constant(Nd4j.rand(DataType.DOUBLE, 1, 3))).sum());
        });
        check("V13 y=tanh(x); standardize(y, 0)", x0, w, (sd, x) -> sd.math().standardize(sd.math().tanh(x), 0)
                .mul(sd.constant(w)).sum());
        check("V7 x variable directly; BN naive", x0, w, (sd, x) -> bnNaive(sd, x, w));
    }

    static SDVariable bnNaive(SameDiff sd, SDVariable y, INDArray w) {
        SDVariable c = y.sub(y.mean(true, 0));
        SDVariable var = c.mul(c).mean(true, 0);
        SDVariable o = c.mul(sd.math().rsqrt(var.add(1e-5)));
        return o.mul(sd.constant(w)).sum();
    }

    static void check(String name, INDArray x0, INDArray w, BiFunction<SameDiff, SDVariable, SDVariable> f) {
        try {
            SameDiff sd = SameDiff.create();
            SDVariable x = sd.var("x", x0.dup());
            SDVariable loss = f.apply(sd, x);
            sd.setLossVariables(loss.name());
            INDArray g = sd.calculateGradients(Map.of(), "x").get("x");
            INDArray arr = sd.getVariable("x").getArr();
            double maxErr = 0, maxG = 0;
            for (int i = 0; i < arr.length(); i++) {
                double v = arr.getDouble(i);
                arr.putScalar(i, v + 1e-6);
                double lp = sd.output(Map.of(), loss.name()).get(loss.name()).getDouble(0);
                arr.putScalar(i, v - 1e-6);
                double lm = sd.output(Map.of(), loss.name()).get(loss.name()).getDouble(0);
                arr.putScalar(i, v);
                double fd = (lp - lm) / 2e-6;
                maxErr = Math.max(maxErr, Math.abs(fd - g.getDouble(i)));
                maxG = Math.max(maxG, Math.abs(fd));
            }
            System.out.printf("%-50s max|fd-ad| %.3e  max|fd| %.3e  rel %.2e%n", name, maxErr, maxG, maxErr / maxG);
        } catch (Throwable t) {
            System.out.printf("%-50s THROWS %s%n", name, t);
        }
    }
}
