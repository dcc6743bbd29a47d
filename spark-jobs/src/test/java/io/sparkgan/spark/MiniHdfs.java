package io.sparkgan.spark;

import java.io.IOException;
import java.nio.file.Path;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.hdfs.MiniDFSCluster;

/** A real one-datanode HDFS in this JVM, bound to 127.0.0.1, storing under {@code base}. */
public final class MiniHdfs {
    private MiniHdfs() {}

    public static MiniDFSCluster start(Path base) throws IOException {
        return start(base, new Configuration());
    }

    /** As {@link #start(Path)}, with extra namenode/datanode settings in {@code conf}. */
    public static MiniDFSCluster start(Path base, Configuration conf) throws IOException {
        conf.set(MiniDFSCluster.HDFS_MINIDFS_BASEDIR, base.resolve("hdfs").toString());
        conf.set("dfs.datanode.address", "127.0.0.1:0");
        conf.set("dfs.datanode.http.address", "127.0.0.1:0");
        conf.set("dfs.datanode.ipc.address", "127.0.0.1:0");
        conf.set("dfs.namenode.http-address", "127.0.0.1:0");
        MiniDFSCluster hdfs = new MiniDFSCluster.Builder(conf).numDataNodes(1).build();
        hdfs.waitActive();
        return hdfs;
    }

    /** The filesystem URI of {@code hdfs}, e.g. hdfs://127.0.0.1:PORT. */
    public static String uri(MiniDFSCluster hdfs) {
        return "hdfs://127.0.0.1:" + hdfs.getNameNodePort();
    }
}
