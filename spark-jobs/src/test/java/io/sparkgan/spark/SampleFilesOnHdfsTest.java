package io.sparkgan.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sparkgan.config.GanConfig;
import io.sparkgan.data.CsvVectorReader;
import io.sparkgan.data.VectorBlock;
import io.sparkgan.run.Sampler;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.hdfs.DistributedFileSystem;
import org.apache.hadoop.hdfs.MiniDFSCluster;
import org.apache.hadoop.hdfs.protocol.HdfsConstants;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code sparkgan sample}'s files (the samples CSV and their picture) on a real HDFS: written
 * with Commons CSV and atomically, so a write that fails (a space quota, binding the superuser
 * too) leaves the earlier files whole.
 */
class SampleFilesOnHdfsTest {
    @TempDir
    Path base;

    @Test
    void aFailedRewriteLeavesTheEarlierSamplesAndPictureWhole() throws Exception {
        MiniDFSCluster hdfs = MiniHdfs.start(base);
        try {
            DistributedFileSystem fs = hdfs.getFileSystem();
            Configuration conf = fs.getConf();
            String run = MiniHdfs.uri(hdfs) + "/runs/r";
            GanConfig cfg = GanConfig.parse("""
                    run.name = r
                    data { source = ring8, examples = 500, partitions = 2 }
                    model { latent-dim = 4, generator-hidden = [8], discriminator-hidden = [8] }
                    train { rounds = 2, batch-per-partition = 16 }
                    log.progress = false
                    samples.every-rounds = 0
                    run.output = "%s/runs"
                    """.formatted(MiniHdfs.uri(hdfs)));
            SparkTraining.trainReference(cfg, List.of(), null);
            Sampler sampler = Sampler.forRun(run, conf);
            String csv = run + "/samples.csv";
            String png = run + "/samples.png";
            VectorBlock first = sampler.generate(3000, 1);
            Sampler.writeCsv(first, csv, conf);
            sampler.writeScatterPlot(first, png, conf);
            assertArrayEquals(first.values(), CsvVectorReader.read(conf, csv).values(), "the CSV reads back exactly");
            byte[] picture = read(fs, png);

            org.apache.hadoop.fs.Path dir = new org.apache.hadoop.fs.Path("/runs/r");
            fs.setQuota(dir, HdfsConstants.QUOTA_DONT_SET, fs.getContentSummary(dir).getSpaceConsumed() + 1);
            VectorBlock second = sampler.generate(3000, 2);
            UncheckedIOException e = assertThrows(UncheckedIOException.class, () -> Sampler.writeCsv(second, csv, conf));
            assertTrue(e.getMessage().contains(csv), e.getMessage());
            UncheckedIOException p = assertThrows(UncheckedIOException.class,
                    () -> sampler.writeScatterPlot(second, png, conf));
            assertTrue(p.getMessage().contains(png), p.getMessage());
            fs.setQuota(dir, HdfsConstants.QUOTA_DONT_SET, HdfsConstants.QUOTA_RESET);

            assertArrayEquals(first.values(), CsvVectorReader.read(conf, csv).values(), "the earlier samples are whole");
            assertArrayEquals(picture, read(fs, png), "the earlier picture is whole");
            assertFalse(Arrays.equals(first.values(), second.values()));
            assertEquals(List.of(), Arrays.stream(fs.listStatus(dir)).map(FileStatus::getPath)
                    .map(org.apache.hadoop.fs.Path::getName).filter(n -> n.startsWith(".")).toList(),
                    "no temporary file is left behind");
        } finally {
            hdfs.shutdown();
        }
    }

    private static byte[] read(DistributedFileSystem fs, String uri) throws Exception {
        try (InputStream in = fs.open(new org.apache.hadoop.fs.Path(uri))) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            in.transferTo(out);
            return out.toByteArray();
        }
    }
}
