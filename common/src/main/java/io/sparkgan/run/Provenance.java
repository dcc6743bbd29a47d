package io.sparkgan.run;

import java.net.InetAddress;
import java.time.Instant;
import java.util.Map;

/**
 * Where a trained model came from: enough to reproduce it and to judge it later.
 *
 * @param runName run name
 * @param seed master seed
 * @param data description of the data set
 * @param model description of the model
 * @param partitions data partitions
 * @param master Spark master (or "reference" for the single-JVM trainer)
 * @param versions sparkgan, Java, Spark, ND4J versions
 * @param host host name of the driver
 * @param user user name
 * @param started start time
 * @param finished end time (null while running)
 * @param roundsDone rounds completed
 * @param config the complete resolved config (HOCON)
 */
public record Provenance(String runName, long seed, String data, String model, int partitions, String master,
                         Map<String, String> versions, String host, String user, String started, String finished,
                         int roundsDone, String config) {

    /** A record for a run starting now. */
    public static Provenance starting(String runName, long seed, String data, String model, int partitions,
                                      String master, Map<String, String> versions, String config) {
        return new Provenance(runName, seed, data, model, partitions, master, versions, hostName(),
                System.getProperty("user.name"), Instant.now().toString(), null, 0, config);
    }

    /** The same record for a run that finished now after {@code rounds} rounds. */
    public Provenance finished(int rounds) {
        return new Provenance(runName, seed, data, model, partitions, master, versions, host, user, started,
                Instant.now().toString(), rounds, config);
    }

    /** The same record with the config a resumed run continues with. */
    public Provenance withConfig(String newConfig) {
        return new Provenance(runName, seed, data, model, partitions, master, versions, host, user, started, finished,
                roundsDone, newConfig);
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (Exception e) {
            return "unknown";
        }
    }
}
