package io.sparkgan.dataset;

import io.sparkgan.images.IdxImages;
import io.sparkgan.images.IdxReader;
import io.sparkgan.images.ImageFileReader;
import io.sparkgan.util.DataFormatException;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.security.AccessControlException;

/**
 * Lists the inputs of a preparation on the driver and cuts them into tasks: image files in
 * sorted path order (so a data set's order does not depend on the filesystem's listing order),
 * and IDX image files (paired with their label files) in ranges. Files it cannot use are reported,
 * never dropped silently; hidden files (names starting with '.' or '_', as Hadoop treats them)
 * are ignored.
 */
public final class InputPlanner {
    private InputPlanner() {}

    /**
     * The tasks of a preparation.
     *
     * @param items one per shard, in data set order
     * @param rejections files refused while listing (unsupported type, unreadable directory, bad IDX header)
     * @param classes class names by label, or empty when unlabelled
     * @param inputFiles number of files considered
     */
    public record Plan(List<InputItem> items, List<Rejection> rejections, List<String> classes, long inputFiles) {
    }

    /** Plans the preparation of {@code inputs} (files or directories, any Hadoop filesystem URI). */
    public static Plan plan(List<String> inputs, PrepareOptions options, Configuration conf) {
        List<Rejection> rejections = new ArrayList<>();
        List<FoundImage> images = new ArrayList<>();
        List<Path> idxFiles = new ArrayList<>();
        long[] considered = {0};
        for (String input : inputs) {
            Path root = new Path(input);
            try {
                FileSystem fs = root.getFileSystem(conf);
                FileStatus status;
                try {
                    status = fs.getFileStatus(root);
                } catch (FileNotFoundException e) {
                    throw new IllegalArgumentException("input " + input + " does not exist");
                }
                root = fs.makeQualified(root);
                if (status.isFile()) {
                    classify(status, root, images, idxFiles, rejections);
                    considered[0]++;
                } else {
                    walk(fs, root, root, images, idxFiles, rejections, considered);
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot list input " + input + ": " + e.getMessage(), e);
            }
        }
        images.sort(Comparator.comparing(f -> f.path.toString()));
        List<String> classes = new ArrayList<>();
        List<InputItem> items = new ArrayList<>();
        if (!images.isEmpty()) items.addAll(imageItems(images, options, classes, rejections));
        items.addAll(idxItems(idxFiles, options, conf, classes, rejections));
        checkLabelsAgree(items);
        return new Plan(items, rejections, classes, considered[0]);
    }

    /** Every shard of a data set is labelled or none is; mixing would leave some images without a class. */
    private static void checkLabelsAgree(List<InputItem> items) {
        long labelled = items.stream().filter(InputItem::labelled).count();
        if (labelled != 0 && labelled != items.size()) {
            throw new IllegalArgumentException("the inputs mix labelled and unlabelled images (IDX files with label files,"
                    + " image folders with --labels folder, and unlabelled ones); prepare them as separate data sets");
        }
        if (items.stream().anyMatch(i -> i instanceof InputItem.ImageFiles f && f.labels() != null)
                && items.stream().anyMatch(i -> i instanceof InputItem.IdxRange r && r.labelsUri() != null)) {
            throw new IllegalArgumentException("the inputs mix IDX label files and --labels folder classes, whose class"
                    + " names differ; prepare them as separate data sets");
        }
    }

    private record FoundImage(Path path, long length, Path root) {
    }

    private static void walk(FileSystem fs, Path dir, Path root, List<FoundImage> images, List<Path> idxFiles,
                             List<Rejection> rejections, long[] considered) throws IOException {
        FileStatus[] children;
        try {
            children = fs.listStatus(dir);
        } catch (AccessControlException | java.nio.file.AccessDeniedException e) {
            rejections.add(new Rejection(dir.toString(), "cannot list directory: permission denied"));
            return;
        }
        for (FileStatus child : children) {
            String name = child.getPath().getName();
            if (name.startsWith(".") || name.startsWith("_")) continue;
            if (child.isDirectory()) {
                walk(fs, child.getPath(), root, images, idxFiles, rejections, considered);
            } else {
                considered[0]++;
                classifyChild(child, root, images, idxFiles, rejections);
            }
        }
    }

    private static void classify(FileStatus file, Path root, List<FoundImage> images, List<Path> idxFiles,
                                 List<Rejection> rejections) {
        classifyChild(file, root.getParent(), images, idxFiles, rejections);
    }

    private static void classifyChild(FileStatus file, Path root, List<FoundImage> images, List<Path> idxFiles,
                                      List<Rejection> rejections) {
        String name = file.getPath().getName();
        if (ImageFileReader.isImageName(name)) {
            images.add(new FoundImage(file.getPath(), file.getLen(), root));
        } else if (ImageFileReader.isIdxName(name)) {
            idxFiles.add(file.getPath());
        } else {
            rejections.add(new Rejection(file.getPath().toString(),
                    "unsupported file type (expected .png, .jpg, .jpeg, or an IDX file *-ubyte[.gz])"));
        }
    }

    private static List<InputItem> imageItems(List<FoundImage> images, PrepareOptions options, List<String> classes,
                                              List<Rejection> rejections) {
        List<String> uris = new ArrayList<>();
        List<Long> lengths = new ArrayList<>();
        List<Integer> labels = options.labels() == PrepareOptions.LabelSource.FOLDER ? new ArrayList<>() : null;
        if (labels != null) {
            TreeSet<String> names = new TreeSet<>();
            for (FoundImage f : images) {
                String c = classOf(f);
                if (c != null) names.add(c);
            }
            if (names.size() > 256) {
                throw new IllegalArgumentException("--labels folder found " + names.size()
                        + " class directories; at most 256 classes are supported");
            }
            classes.addAll(names);
        }
        for (FoundImage f : images) {
            if (labels != null) {
                String c = classOf(f);
                if (c == null) {
                    rejections.add(new Rejection(f.path.toString(),
                            "not inside a class directory (--labels folder expects INPUT/CLASS/.../IMAGE)"));
                    continue;
                }
                labels.add(classes.indexOf(c));
            }
            uris.add(f.path.toString());
            lengths.add(f.length);
        }
        List<InputItem> items = new ArrayList<>();
        for (int from = 0; from < uris.size(); from += options.imagesPerShard()) {
            int to = Math.min(uris.size(), from + options.imagesPerShard());
            items.add(new InputItem.ImageFiles(uris.subList(from, to), lengths.subList(from, to),
                    labels == null ? null : labels.subList(from, to)));
        }
        return items;
    }

    /** The first directory below the input root, or null for a file directly in the root. */
    private static String classOf(FoundImage f) {
        String rel = f.root.toUri().relativize(f.path.toUri()).getPath();
        int slash = rel.indexOf('/');
        return slash <= 0 ? null : rel.substring(0, slash);
    }

    private static List<InputItem> idxItems(List<Path> idxFiles, PrepareOptions options, Configuration conf,
                                            List<String> classes, List<Rejection> rejections) {
        Map<String, Path> byName = new TreeMap<>();
        for (Path p : idxFiles) byName.put(p.toString(), p);
        List<InputItem> items = new ArrayList<>();
        for (Path p : byName.values()) {
            String name = p.getName();
            if (name.contains("labels-idx1")) {
                String images = p.toString().replace("labels-idx1", "images-idx3");
                if (!byName.containsKey(images)) {
                    rejections.add(new Rejection(p.toString(), "IDX labels file without its images file " + images));
                }
                continue;
            }
            String labelsUri = p.toString().replace("images-idx3", "labels-idx1");
            Path labels = name.contains("images-idx3") && byName.containsKey(labelsUri) ? byName.get(labelsUri) : null;
            try {
                int count = checkIdxPair(p, labels, conf);
                if (labels != null && classes.isEmpty()) {
                    for (int c = 0; c < 10; c++) classes.add(Integer.toString(c));
                }
                for (int from = 0; from < count; from += options.imagesPerShard()) {
                    int to = Math.min(count, from + options.imagesPerShard());
                    items.add(new InputItem.IdxRange(p.toString(), labels == null ? null : labels.toString(), from, to));
                }
            } catch (DataFormatException e) {
                rejections.add(new Rejection(p.toString(), e.getMessage()));
                if (labels != null) rejections.add(new Rejection(labels.toString(), "its images file was rejected"));
            } catch (IOException e) {
                rejections.add(new Rejection(p.toString(), "cannot read: " + e.getMessage()));
            }
        }
        return items;
    }

    /** Reads the images header (and all labels) and checks they agree; returns the image count. */
    private static int checkIdxPair(Path images, Path labels, Configuration conf) throws IOException {
        int count;
        FileSystem fs = images.getFileSystem(conf);
        try (InputStream in = fs.open(images); IdxImages idx = IdxReader.openImages(in, images.getName())) {
            count = idx.count();
            long expected = 16 + (long) count * idx.imageBytes();
            long actual = fs.getFileStatus(images).getLen();
            if (!images.getName().endsWith(".gz") && actual != expected) {
                throw new DataFormatException(images.getName() + ": " + (actual < expected ? "truncated" : "trailing data")
                        + ": the header announces " + count + " images of " + idx.rows() + "x" + idx.cols() + " ("
                        + expected + " bytes with the header) but the file has " + actual + " bytes");
            }
        }
        if (labels != null) {
            byte[] l;
            try (InputStream in = labels.getFileSystem(conf).open(labels)) {
                l = IdxReader.readLabels(in, labels.getName());
            }
            if (l.length != count) {
                throw new DataFormatException(images.getName() + " has " + count + " images but " + labels.getName()
                        + " has " + l.length + " labels");
            }
            for (int i = 0; i < l.length; i++) {
                if ((l[i] & 0xFF) > 9) {
                    // MNIST-style sets label 0-9; more classes would need class names we do not have.
                    throw new DataFormatException(labels.getName() + ": label " + (l[i] & 0xFF) + " at index " + i
                            + " is outside 0..9");
                }
            }
        }
        return count;
    }
}
