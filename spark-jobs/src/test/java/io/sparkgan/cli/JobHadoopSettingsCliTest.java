package io.sparkgan.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sparkgan.run.RunFiles;
import io.sparkgan.run.Sampler;
import io.sparkgan.spark.MiniHdfs;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.SplittableRandom;
import javax.imageio.ImageIO;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.hdfs.MiniDFSCluster;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Storage reachable only with the job's Hadoop settings: data and run on a real HDFS (MiniDFSCluster
 * in this JVM) named by plain paths, which resolve there only through
 * {@code --spark-conf spark.hadoop.fs.defaultFS=hdfs://...}. Everything the run reads or writes
 * after training (the MLP's final image grid, whose shape comes from the data set) and the
 * checkpoint lookup of {@code --resume} must use those settings too.
 */
class JobHadoopSettingsCliTest {
    @TempDir
    Path base;

    @Test
    void anMlpImageRunAndItsResumeUseTheJobsHadoopSettings() throws Exception {
        MiniDFSCluster hdfs = MiniHdfs.start(base);
        try {
            String hdfsUri = "hdfs://127.0.0.1:" + hdfs.getNameNodePort();
            FileSystem fs = hdfs.getFileSystem();
            SplittableRandom rng = new SplittableRandom(5);
            for (int i = 0; i < 24; i++) write(fs, "/in/img" + i + ".png", png(10, 10, rng));
            Cli.Result prepared = Cli.run("prepare", "--input", hdfsUri + "/in", "--out", hdfsUri + "/prepared",
                    "--size", "8", "--master", "local[1]", "--spark-conf", "spark.ui.enabled=false");
            assertEquals(0, prepared.code(), prepared.err());

            String defaultFs = "spark.hadoop.fs.defaultFS=" + hdfsUri;
            Cli.Result trained = Cli.run("train", "-c", "ring8", "--master", "local[2]", "--spark-conf", defaultFs,
                    "--spark-conf", "spark.ui.enabled=false", "--set", "data.source=images",
                    "--set", "data.path=/prepared", "--set", "run.output=/runs", "--set", "data.partitions=2",
                    "--set", "model.generator-output=tanh", "--set", "model.generator-hidden=[16]",
                    "--set", "model.discriminator-hidden=[16]", "--set", "train.rounds=3",
                    "--set", "train.batch-per-partition=4", "--set", "samples.every-rounds=0",
                    "--set", "log.progress=false");
            assertEquals(0, trained.code(), trained.err());
            assertTrue(fs.exists(new org.apache.hadoop.fs.Path("/runs/ring8/final-samples.png")),
                    "the MLP's image grid, its shape read from the data set on HDFS");

            Cli.Result resumed = Cli.run("train", "--reference", "--resume", "/runs/ring8", "--spark-conf", defaultFs,
                    "--set", "train.rounds=5");
            assertEquals(0, resumed.code(), resumed.err());
            assertTrue(resumed.out().contains("Trained 5 rounds"), resumed.out());
            Configuration jobConf = new Configuration();
            jobConf.set("fs.defaultFS", hdfsUri);
            assertEquals(5, RunFiles.open("/runs/ring8", jobConf).readText(RunFiles.METRICS).lines().count());

            // A data set that is gone is an error naming it, not a null shape.
            fs.delete(new org.apache.hadoop.fs.Path("/prepared"), true);
            Sampler sampler = Sampler.forRun("/runs/ring8", jobConf);
            IllegalStateException e = assertThrows(IllegalStateException.class, sampler::imageShape);
            assertTrue(e.getMessage().contains("/prepared") && e.getMessage().contains("data.path"), e.getMessage());
        } finally {
            hdfs.shutdown();
        }
    }

    private static byte[] png(int w, int h, SplittableRandom rng) throws Exception {
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < h; y++) for (int x = 0; x < w; x++) img.setRGB(x, y, rng.nextInt(1 << 24));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(img, "png", out);
        return out.toByteArray();
    }

    private static void write(FileSystem fs, String path, byte[] content) throws Exception {
        try (OutputStream out = fs.create(new org.apache.hadoop.fs.Path(path), true)) {
            out.write(content);
        }
    }
}
