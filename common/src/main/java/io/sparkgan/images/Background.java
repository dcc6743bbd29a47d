package io.sparkgan.images;

import java.io.Serializable;
import java.util.Locale;

/**
 * The colour that transparent pixels are composited over when an image with alpha becomes a
 * 1- or 3-channel training image: {@code out = round(v * a + bg * (1 - a))} per channel, with
 * v the colour sample scaled to 0..255 and a the alpha in [0, 1]. Gray images with alpha use the
 * background's BT.601 luma when it is gray ({@code r = g = b}); over a coloured background they
 * become RGB first. Black ({@code bg = 0}, i.e. {@code v * a}) is sparkgan's default and what
 * every data set prepared before this option was made with.
 *
 * @param red red component, 0..255
 * @param green green component, 0..255
 * @param blue blue component, 0..255
 */
public record Background(int red, int green, int blue) implements Serializable {
    /** Black, the default: transparent pixels become 0. */
    public static final Background BLACK = new Background(0, 0, 0);
    /** White: transparent pixels become 255. */
    public static final Background WHITE = new Background(255, 255, 255);

    public Background {
        check("red", red);
        check("green", green);
        check("blue", blue);
    }

    private static void check(String name, int value) {
        if (value < 0 || value > 255) {
            throw new IllegalArgumentException("background " + name + " component is " + value + "; it must be 0..255");
        }
    }

    /**
     * Parses {@code white}, {@code black} or {@code #RRGGBB} (hex digits, any case).
     *
     * @param text the option value
     * @return the colour
     * @throws IllegalArgumentException naming the value when it is none of these
     */
    public static Background parse(String text) {
        if (text == null) throw new IllegalArgumentException("background must be white, black or #RRGGBB, got null");
        String t = text.trim().toLowerCase(Locale.ROOT);
        if (t.equals("black")) return BLACK;
        if (t.equals("white")) return WHITE;
        if (t.length() == 7 && t.charAt(0) == '#' && t.substring(1).chars().allMatch(c -> Character.digit(c, 16) >= 0)) {
            int rgb = Integer.parseInt(t.substring(1), 16);
            return new Background((rgb >> 16) & 0xff, (rgb >> 8) & 0xff, rgb & 0xff);
        }
        throw new IllegalArgumentException("background must be white, black or #RRGGBB (e.g. #808080), got '" + text + "'");
    }

    /** True when the three components are equal (black, white, any gray). */
    public boolean isGray() {
        return red == green && green == blue;
    }

    /** BT.601 luma of the colour, rounded as {@link Pixels} rounds RGB to gray. */
    public int luma() {
        return (299 * red + 587 * green + 114 * blue + 500) / 1000;
    }

    /** "black", "white" or "#rrggbb": the form {@link #parse} reads back, as recorded in the manifest. */
    public String describe() {
        if (equals(BLACK)) return "black";
        if (equals(WHITE)) return "white";
        return String.format(Locale.ROOT, "#%02x%02x%02x", red, green, blue);
    }
}
