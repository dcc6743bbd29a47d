package io.sparkgan.report;


/** Pictures on the page: charts at their stored size, sample pictures in a captioned figure. */
final class Figures {
    private Figures() {}

    static void chart(Html h, byte[] png, String alt) {
        if (png == null) return;
        h.png(png, alt, Charts.WIDTH, png.length > 0 ? heightOf(png) : Charts.HEIGHT, "chart").raw("\n");
    }

    /** The height stored in a PNG's IHDR chunk. */
    static int heightOf(byte[] png) {
        return ((png[20] & 0xff) << 24) | ((png[21] & 0xff) << 16) | ((png[22] & 0xff) << 8) | (png[23] & 0xff);
    }

    static void figure(Html h, RunData.Picture p, String caption, String alt) {
        boolean grid = p.width() < 400 && p.height() < 400; // image grids: enlarge with sharp pixels
        int scale = grid ? Math.max(1, Math.min(3, 300 / Math.max(p.width(), p.height()))) : 1;
        h.raw("<figure>");
        h.png(p.png(), alt, p.width() * scale, p.height() * scale, grid ? "grid" : "plot");
        h.raw("<figcaption>").text(caption).raw("</figcaption></figure>\n");
    }
}
