package io.sparkgan.report;

import java.util.Base64;
import java.util.List;
import org.apache.commons.text.StringEscapeUtils;

/**
 * A minimal HTML writer. Every piece of text goes through {@link #esc(String)} (Commons Text's
 * escapeHtml4: &amp;, &lt;, &gt;, &quot; and non-ASCII entities) and attribute values are always
 * double-quoted, so no string from a config, a file name or data can open a tag or leave an
 * attribute. Markup is written only by the report's own code, as constants.
 */
final class Html {
    private final StringBuilder out = new StringBuilder(1 << 16);

    /** Escapes {@code text} for an element body or a double-quoted attribute value. */
    static String esc(String text) {
        return text == null ? "" : StringEscapeUtils.escapeHtml4(text);
    }

    /** Appends trusted markup (the report's own constants only). */
    Html raw(String markup) {
        out.append(markup);
        return this;
    }

    /** Appends escaped text. */
    Html text(String text) {
        out.append(esc(text));
        return this;
    }

    /** {@code <tag>text</tag>} with the text escaped. */
    Html element(String tag, String text) {
        out.append('<').append(tag).append('>').append(esc(text)).append("</").append(tag).append('>');
        return this;
    }

    /** A paragraph of explanation (escaped). */
    Html paragraph(String text) {
        return element("p", text).raw("\n");
    }

    /** A paragraph of explanation set apart as a note (escaped). */
    Html note(String text) {
        return raw("<p class=\"note\">").text(text).raw("</p>\n");
    }

    /** Opens a section with an id (a constant) and an escaped heading. */
    Html section(String id, String heading) {
        return raw("<section id=\"" + id + "\">\n<h2>").text(heading).raw("</h2>\n");
    }

    Html endSection() {
        return raw("</section>\n");
    }

    /** An embedded PNG (a data: URI) with escaped alt text and its pixel size. */
    Html png(byte[] png, String alt, int width, int height, String cssClass) {
        out.append("<img class=\"").append(esc(cssClass)).append("\" src=\"data:image/png;base64,")
                .append(Base64.getEncoder().encodeToString(png)).append("\" alt=\"").append(esc(alt))
                .append("\" width=\"").append(width).append("\" height=\"").append(height).append("\">");
        return this;
    }

    /** A two-or-more column table of escaped cells; the first row is the header. */
    Html table(String cssClass, List<String> header, List<List<String>> rows) {
        out.append("<table class=\"").append(esc(cssClass)).append("\">\n<thead><tr>");
        for (String h : header) out.append("<th>").append(esc(h)).append("</th>");
        out.append("</tr></thead>\n<tbody>\n");
        for (List<String> row : rows) {
            out.append("<tr>");
            for (int i = 0; i < row.size(); i++) {
                String tag = i == 0 ? "th" : "td";
                out.append('<').append(tag).append('>').append(esc(row.get(i))).append("</").append(tag).append('>');
            }
            out.append("</tr>\n");
        }
        out.append("</tbody></table>\n");
        return this;
    }

    /** A preformatted block of escaped text. */
    Html pre(String text) {
        return raw("<pre>").text(text).raw("</pre>\n");
    }

    @Override
    public String toString() {
        return out.toString();
    }
}
