package io.sparkgan.spark;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.mapreduce.JobContext;
import org.apache.hadoop.mapreduce.lib.input.TextInputFormat;

/**
 * Hadoop's line input (splits of about a block, a compressed file whole, each line in exactly one
 * split) over exactly the files it is given, in that order. Plain {@code FileInputFormat} would
 * read its paths as glob patterns and drop names starting with '_' or '.', even a file named
 * explicitly; the CSV input's files are listed by {@link io.sparkgan.data.CsvVectorReader#inputFiles}.
 */
public final class CsvInputFormat extends TextInputFormat {
    private static final String COUNT = "sparkgan.csv.input.files";
    private static final String FILE = "sparkgan.csv.input.file.";

    /**
     * Records {@code files} in {@code conf} as this format's input.
     *
     * @param conf the job's configuration (a copy of the context's Hadoop configuration)
     * @param files the files, in reading order
     */
    static void setFiles(Configuration conf, List<Path> files) {
        conf.setInt(COUNT, files.size());
        for (int i = 0; i < files.size(); i++) conf.set(FILE + i, files.get(i).toString());
    }

    @Override
    protected List<FileStatus> listStatus(JobContext job) throws IOException {
        Configuration conf = job.getConfiguration();
        int count = conf.getInt(COUNT, -1);
        if (count < 0) throw new IOException("no CSV input files were set (CsvInputFormat.setFiles)");
        List<FileStatus> files = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            Path file = new Path(conf.get(FILE + i));
            files.add(file.getFileSystem(conf).getFileStatus(file));
        }
        return files;
    }
}
