package io.sparkgan.evaluation;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import io.sparkgan.util.Json;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * Time to quality: for each Inception Score threshold, the first evaluation of a run's
 * {@code quality.jsonl} at which IS reached it, with the round, the images seen, the wall-clock
 * minutes and the training minutes (wall clock less the time the earlier evaluations took) at
 * that point; or "not reached" with the best IS of the run.
 *
 * <p>{@code elapsedSeconds} of a line is the wall time since training started when that
 * evaluation began, so it includes the earlier evaluations' {@code seconds} but not its own;
 * training minutes at line i are {@code (elapsedSeconds_i - sum_{j<i} seconds_j) / 60}.
 */
public final class TimeToQuality {
    private TimeToQuality() {}

    /** The fields a quality.jsonl line must have, as numbers. */
    private static final List<String> REQUIRED = List.of("round", "examplesSeen", "elapsedSeconds", "inceptionScore",
            "seconds");

    /**
     * One evaluation as this class needs it.
     *
     * @param round rounds completed when it was scored
     * @param examplesSeen real images seen by then
     * @param elapsedSeconds wall time since training started when the evaluation began
     * @param inceptionScore the Inception Score
     * @param seconds time the evaluation took
     */
    public record Point(int round, long examplesSeen, double elapsedSeconds, double inceptionScore, double seconds) {
    }

    /**
     * The answer for one threshold.
     *
     * @param threshold the Inception Score asked for
     * @param reached whether some evaluation's IS was at least the threshold
     * @param round the first such evaluation's round (null if not reached)
     * @param examplesSeen images seen by then (null if not reached)
     * @param wallMinutes wall-clock minutes since training started, evaluations included (null if not reached)
     * @param trainingMinutes wall-clock minutes less the earlier evaluations' time (null if not reached)
     * @param inceptionScore the IS of that evaluation (null if not reached)
     * @param bestInceptionScore the highest IS of the whole file
     * @param bestRound the round of the highest IS
     */
    public record Threshold(double threshold, boolean reached, Integer round, Long examplesSeen, Double wallMinutes,
                            Double trainingMinutes, Double inceptionScore, double bestInceptionScore, int bestRound) {
    }

    /**
     * Time to quality of one curve.
     *
     * @param source the file read
     * @param evaluations number of evaluations in it
     * @param thresholds one answer per threshold, in the order asked
     */
    public record Result(String source, int evaluations, List<Threshold> thresholds) {
        /** A plain-text table: one line per threshold. */
        public String table() {
            StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "%-9s %-9s %12s %12s %14s %8s%n",
                    "IS >=", "round", "images seen", "wall (min)", "training (min)", "IS"));
            for (Threshold t : thresholds) {
                if (t.reached()) {
                    sb.append(String.format(Locale.ROOT, "%-9s %-9d %,12d %12.1f %14.1f %8.3f%n", fmt(t.threshold()),
                            t.round(), t.examplesSeen(), t.wallMinutes(), t.trainingMinutes(), t.inceptionScore()));
                } else {
                    sb.append(String.format(Locale.ROOT, "%-9s not reached in %d evaluations; best IS %.3f at round %d%n",
                            fmt(t.threshold()), evaluations, t.bestInceptionScore(), t.bestRound()));
                }
            }
            return sb.toString();
        }

        private static String fmt(double v) {
            return v == Math.rint(v) ? String.valueOf((long) v) : String.valueOf(v);
        }
    }

    /**
     * Parses a comma-separated list of IS thresholds ("8,9,9.3").
     *
     * @param csv the option value
     * @throws IllegalArgumentException naming the value that is not a positive number
     */
    public static List<Double> parseThresholds(String csv) {
        List<Double> out = new ArrayList<>();
        for (String part : csv.split(",")) {
            String p = part.trim();
            double v;
            try {
                v = Double.parseDouble(p);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("time-to-quality threshold '" + p + "' in '" + csv
                        + "' is not a number; give Inception Scores such as 8,9,9.3");
            }
            if (!(v > 0) || Double.isInfinite(v)) {
                throw new IllegalArgumentException("time-to-quality threshold " + p + " in '" + csv
                        + "' must be a positive Inception Score");
            }
            out.add(v);
        }
        return out;
    }

    /**
     * Reads quality.jsonl text (one JSON object a line; blank lines ignored), sorted by round.
     *
     * @param text the file's content
     * @param name the file's name or URI, for messages
     * @throws IllegalArgumentException naming the file, line and field of a line that cannot be used
     */
    public static List<Point> parse(String text, String name) {
        List<Point> points = new ArrayList<>();
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            if (line.isEmpty()) continue;
            JsonNode node;
            try {
                node = Json.mapper().readTree(line);
            } catch (JacksonException e) {
                throw new IllegalArgumentException(name + " line " + (i + 1) + " is not JSON: " + e.getOriginalMessage());
            }
            for (String field : REQUIRED) {
                JsonNode v = node == null ? null : node.get(field);
                if (v == null || !v.isNumber()) {
                    throw new IllegalArgumentException(name + " line " + (i + 1) + ": field \"" + field + "\" is "
                            + (v == null ? "missing" : v.toString()) + "; a number is needed");
                }
            }
            points.add(new Point(node.get("round").asInt(), node.get("examplesSeen").asLong(),
                    node.get("elapsedSeconds").asDouble(), node.get("inceptionScore").asDouble(),
                    node.get("seconds").asDouble()));
        }
        if (points.isEmpty()) {
            throw new IllegalArgumentException(name + " has no evaluations (train with evaluation.every-rounds > 0"
                    + " and evaluation.evaluator set to write it)");
        }
        points.sort(Comparator.comparingInt(Point::round));
        return points;
    }

    /**
     * The first evaluation reaching each threshold.
     *
     * @param points evaluations in round order (from {@link #parse})
     * @param thresholds Inception Scores to look for
     * @param source name of the file, recorded in the result
     */
    public static Result of(List<Point> points, List<Double> thresholds, String source) {
        if (points.isEmpty()) throw new IllegalArgumentException(source + " has no evaluations");
        double[] trainingSeconds = new double[points.size()];
        double evaluationsBefore = 0;
        int best = 0;
        for (int i = 0; i < points.size(); i++) {
            trainingSeconds[i] = points.get(i).elapsedSeconds() - evaluationsBefore;
            evaluationsBefore += points.get(i).seconds();
            if (points.get(i).inceptionScore() > points.get(best).inceptionScore()) best = i;
        }
        Point bestPoint = points.get(best);
        List<Threshold> out = new ArrayList<>();
        for (double t : thresholds) {
            Threshold answer = new Threshold(t, false, null, null, null, null, null, bestPoint.inceptionScore(),
                    bestPoint.round());
            for (int i = 0; i < points.size(); i++) {
                Point p = points.get(i);
                if (p.inceptionScore() >= t) {
                    answer = new Threshold(t, true, p.round(), p.examplesSeen(), p.elapsedSeconds() / 60,
                            trainingSeconds[i] / 60, p.inceptionScore(), bestPoint.inceptionScore(), bestPoint.round());
                    break;
                }
            }
            out.add(answer);
        }
        return new Result(source, points.size(), List.copyOf(out));
    }
}
