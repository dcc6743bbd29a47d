package io.sparkgan.data;

import io.sparkgan.util.DataFormatException;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;

import static org.junit.jupiter.api.Assertions.*;

class CsvVectorReaderTest {
    private static final Configuration CONF = new Configuration();

    @TempDir
    Path dir;

    private Path write(String name, String content) throws IOException {
        Path p = dir.resolve(name);
        Files.writeString(p, content, StandardCharsets.UTF_8);
        return p;
    }

    private static DataFormatException readFails(Path p) {
        return assertThrows(DataFormatException.class, () -> CsvVectorReader.read(CONF, p.toUri().toString()));
    }

    private static void assertMentions(DataFormatException e, String... parts) {
        for (String part : parts) {
            assertTrue(e.getMessage().contains(part), "message should contain '" + part + "': " + e.getMessage());
        }
    }

    @Test
    void readsPlainPathWithCommentsBlankLinesAndSpaces() throws IOException {
        Path p = write("points.csv", "# ring8 sample\n1.5, -2\n\n  3e-1 ,4\n# trailing comment\n-0.25,+7.0");
        VectorBlock b = CsvVectorReader.read(CONF, p.toString());
        assertEquals(3, b.rows());
        assertEquals(2, b.dim());
        assertArrayEquals(new float[] {1.5f, -2f, 0.3f, 4f, -0.25f, 7f}, b.values());
    }

    @Test
    void readsFileUriWithHeader() throws IOException {
        Path p = write("with-header.csv", "x,y,z\n1,2,3\n4,5,6\n");
        String uri = p.toUri().toString();
        assertTrue(uri.startsWith("file:"), uri);
        VectorBlock b = CsvVectorReader.read(CONF, uri);
        assertEquals(2, b.rows());
        assertEquals(3, b.dim());
        assertArrayEquals(new float[] {1, 2, 3, 4, 5, 6}, b.values());
    }

    @Test
    void readsGzippedFile() throws IOException {
        Path p = dir.resolve("data.csv.gz");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(p))) {
            StringBuilder sb = new StringBuilder("a,b\n");
            for (int i = 0; i < 5000; i++) sb.append(i).append(',').append(-i * 0.5).append('\n');
            out.write(sb.toString().getBytes(StandardCharsets.UTF_8));
        }
        VectorBlock b = CsvVectorReader.read(CONF, p.toUri().toString());
        assertEquals(5000, b.rows());
        assertEquals(2, b.dim());
        assertEquals(4999f, b.get(4999, 0));
        assertEquals(-2499.5f, b.get(4999, 1));
    }

    @Test
    void readsDirectoryInNameOrderSkippingHiddenFiles() throws IOException {
        Path d = Files.createDirectory(dir.resolve("out"));
        Files.writeString(d.resolve("part-00001.csv"), "x,y\n3,4\n5,6\n");
        Files.writeString(d.resolve("part-00000.csv"), "x,y\n1,2\n");
        Files.writeString(d.resolve("part-00002.csv"), "");          // empty partition
        Files.writeString(d.resolve("_SUCCESS"), "");
        Files.writeString(d.resolve(".part-00000.csv.crc"), "garbage,not,numbers");
        Files.createDirectory(d.resolve("nested"));
        VectorBlock b = CsvVectorReader.read(CONF, d.toUri().toString());
        assertEquals(3, b.rows());
        assertArrayEquals(new float[] {1, 2, 3, 4, 5, 6}, b.values());
        VectorBlock plain = CsvVectorReader.read(CONF, d.toString());
        assertArrayEquals(b.values(), plain.values());
    }

    @Test
    void wrongColumnCountNamesFileLineAndCounts() throws IOException {
        Path p = write("ragged.csv", "# comment\n1,2\n3,4\n\n5,6,7\n");
        DataFormatException e = readFails(p);
        assertMentions(e, "ragged.csv", "line 5 has 3 columns, expected 2 (as on line 2)");
    }

    @Test
    void columnCountMismatchAcrossFilesNamesBothFiles() throws IOException {
        Path d = Files.createDirectory(dir.resolve("mixed"));
        Files.writeString(d.resolve("a.csv"), "1,2\n");
        Files.writeString(d.resolve("b.csv"), "1,2,3\n");
        DataFormatException e = readFails(d);
        assertMentions(e, "b.csv", "line 1 has 3 columns", "line 1 of", "a.csv");
    }

    @Test
    void nonNumericValueNamesFileLineColumnAndValue() throws IOException {
        Path p = write("bad-value.csv", "x,y\n1,2\n3,abc\n");
        DataFormatException e = readFails(p);
        assertMentions(e, "bad-value.csv", "line 3", "column 2", "'abc'", "not a number");
    }

    @Test
    void javaOnlyNumberFormsAndEmptyFieldsAreRejected() throws IOException {
        assertMentions(readFails(write("suffix.csv", "1,2f\n")), "suffix.csv", "line 1", "column 2", "'2f'");
        assertMentions(readFails(write("hex.csv", "1,2\n0x1p3,2\n")), "hex.csv", "line 2", "column 1");
        assertMentions(readFails(write("empty-field.csv", "1,2\n3,\n")), "empty-field.csv", "line 2", "column 2", "''");
    }

    @Test
    void aFirstRowWithSomeNumbersIsNoHeaderAndItsBadFieldIsReported() throws IOException {
        Path p = write("damaged-first-row.csv", "1.5,x2,3\n4,5,6\n");
        assertMentions(readFails(p), "damaged-first-row.csv", "line 1", "column 2", "'x2'", "header");
        Path q = write("label-and-word.csv", "oops,0.5\n1,2\n");
        assertMentions(readFails(q), "label-and-word.csv", "line 1", "column 1", "'oops'");
        // A header of words only (with an empty first name, as pandas writes its index) is still one.
        VectorBlock named = CsvVectorReader.read(CONF, write("named.csv", ",a,b\n1,2,3\n").toUri().toString());
        assertEquals(1, named.rows());
        assertEquals(3, named.dim());
    }

    @Test
    void headerIsOnlyAllowedOnFirstRecord() throws IOException {
        Path p = write("late-header.csv", "1,2\nx,y\n");
        assertMentions(readFails(p), "late-header.csv", "line 2", "column 1", "'x'");
    }

    @Test
    void nanAndInfinityAreRejectedEvenOnTheFirstLine() throws IOException {
        assertMentions(readFails(write("nan.csv", "NaN,1\n")), "nan.csv", "line 1", "column 1", "'NaN'", "not finite");
        assertMentions(readFails(write("inf.csv", "1,2\n3,-Infinity\n")), "inf.csv", "line 2", "column 2", "'-Infinity'");
        assertMentions(readFails(write("inf2.csv", "1,2\n\n3,inf\n")), "inf2.csv", "line 3", "column 2", "'inf'");
    }

    @Test
    void valuesThatOverflowFloatAreRejected() throws IOException {
        Path p = write("huge.csv", "1,2\n1e39,0\n");
        assertMentions(readFails(p), "huge.csv", "line 2", "column 1", "'1e39'", "overflows");
        VectorBlock b = CsvVectorReader.read(CONF, write("max.csv", "3.4028235e38,1e-50\n").toString());
        assertEquals(Float.MAX_VALUE, b.get(0, 0));
        assertEquals(0f, b.get(0, 1));
    }

    @Test
    void fileWithoutDataRowsIsRejected() throws IOException {
        Path p = write("only-header.csv", "x,y\n# nothing here\n\n");
        assertMentions(readFails(p), "no numeric rows in", "only-header.csv");
        Path empty = Files.createDirectory(dir.resolve("empty-dir"));
        assertMentions(readFails(empty), "no numeric rows in", "empty-dir");
    }

    @Test
    void missingPathIsRejected() {
        Path p = dir.resolve("does-not-exist.csv");
        assertMentions(readFails(p), "no such file or directory", "does-not-exist.csv");
    }

    @Test
    void growsBeyondInitialCapacity() throws IOException {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 3000; i++) sb.append(i).append('\n');
        VectorBlock b = CsvVectorReader.read(CONF, write("column.csv", sb.toString()).toString());
        assertEquals(3000, b.rows());
        assertEquals(1, b.dim());
        for (int i = 0; i < 3000; i++) assertEquals(i, b.get(i, 0));
    }
}
