package io.fashionspark.report;

import java.util.List;
import java.util.Locale;

/** Small pieces of HTML: escaping, number formatting and plain tables. */
final class Html {
    private Html() {
    }

    /** {@code text} escaped for element content and attribute values. */
    static String esc(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    /** {@code value} with {@code decimals} decimals, or an en dash when it is not finite. */
    static String num(double value, int decimals) {
        return Double.isFinite(value) ? String.format(Locale.ROOT, "%." + decimals + "f", value) : "\u2013";
    }

    /** A table with a header row; cells are already HTML. */
    static String table(String cssClass, List<String> header, List<List<String>> rows) {
        StringBuilder out = new StringBuilder("<table class=\"").append(cssClass).append("\"><thead><tr>");
        for (String h : header) {
            out.append("<th>").append(h).append("</th>");
        }
        out.append("</tr></thead><tbody>\n");
        for (List<String> row : rows) {
            out.append("<tr>");
            for (String cell : row) {
                out.append("<td>").append(cell).append("</td>");
            }
            out.append("</tr>\n");
        }
        return out.append("</tbody></table>\n").toString();
    }
}
