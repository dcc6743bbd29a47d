package io.sparkgan.metrics;

/**
 * How often the evaluation classifier agrees with the class a class-conditional generator was
 * asked for: the share of images whose arg max p(y|x) is the requested class, over all images and
 * per requested class. (For labelled real images the same figures are the classifier's accuracy.)
 * Requested class k and evaluator class k are taken to be the same class: both number the
 * classes of the same prepared data set.
 *
 * @param overall share of all requested images the evaluator assigns to their requested class
 * @param perClass share per requested class (index = class); null for a class never requested
 * @param requested images requested per class
 */
public record ClassAgreement(double overall, Double[] perClass, long[] requested) {

    /**
     * The agreement from counts.
     *
     * @param requested images requested per class
     * @param agreed images of each requested class that the evaluator assigned to it
     */
    public static ClassAgreement of(long[] requested, long[] agreed) {
        if (requested.length != agreed.length) {
            throw new IllegalArgumentException(requested.length + " requested counts but " + agreed.length + " agreed");
        }
        long total = 0;
        long totalAgreed = 0;
        Double[] perClass = new Double[requested.length];
        for (int k = 0; k < requested.length; k++) {
            total += requested[k];
            totalAgreed += agreed[k];
            perClass[k] = requested[k] == 0 ? null : (double) agreed[k] / requested[k];
        }
        if (total == 0) throw new IllegalArgumentException("no image was requested of any class");
        return new ClassAgreement((double) totalAgreed / total, perClass, requested.clone());
    }

    /** The class with the lowest agreement (the first such), or -1 if none was requested. */
    public int worstClass() {
        int worst = -1;
        for (int k = 0; k < perClass.length; k++) {
            if (perClass[k] != null && (worst < 0 || perClass[k] < perClass[worst])) worst = k;
        }
        return worst;
    }
}
