package io.fashionspark.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

/**
 * Typed, error-reporting access to namespaced properties; every failure names the key, what
 * was expected and what was found, as an {@link IllegalArgumentException}.
 */
final class PropertyReader {
    private final Properties props;

    PropertyReader(Properties props) {
        this.props = props;
    }

    String string(String key, String fallback) {
        String v = props.getProperty(key);
        return v == null ? fallback : v.trim();
    }

    int integer(String key, int fallback) {
        return parse(key, fallback, "an integer", Integer::parseInt);
    }

    /** An integer in {@code range}, or {@code word} (any case) read as {@code wordValue}. */
    int integerOr(Range range, String word, int wordValue, int fallback) {
        String v = props.getProperty(range.key());
        if (v == null) {
            return fallback;
        }
        if (v.trim().equalsIgnoreCase(word)) {
            return wordValue;
        }
        try {
            int value = Integer.parseInt(v.trim());
            check(range.contains(value), range.key(), range.expected() + " or " + word, value);
            return value;
        } catch (NumberFormatException e) {
            throw typeError(range.key(), range.expected() + " or " + word, v);
        }
    }

    long longValue(String key, long fallback) {
        return parse(key, fallback, "an integer", Long::parseLong);
    }

    double number(String key, double fallback) {
        return parse(key, fallback, "a number", Double::parseDouble);
    }

    private <T> T parse(String key, T fallback, String expected, java.util.function.Function<String, T> parser) {
        String v = props.getProperty(key);
        if (v == null) {
            return fallback;
        }
        try {
            return parser.apply(v.trim());
        } catch (NumberFormatException e) {
            throw typeError(key, expected, v);
        }
    }

    List<Integer> integers(String key, List<Integer> fallback) {
        String v = props.getProperty(key);
        if (v == null) {
            return fallback;
        }
        List<Integer> out = new ArrayList<>();
        for (String part : v.split(",", -1)) {
            try {
                out.add(Integer.parseInt(part.trim()));
            } catch (NumberFormatException e) {
                throw typeError(key, "a comma-separated list of integers", v);
            }
        }
        return out;
    }

    /** A comma-separated list, each element trimmed; empty elements are kept (and refused by the caller). */
    List<String> strings(String key, List<String> fallback) {
        String v = props.getProperty(key);
        if (v == null) {
            return fallback;
        }
        List<String> out = new ArrayList<>();
        for (String part : v.split(",", -1)) {
            out.add(part.strip());
        }
        return out;
    }

    URI uri(String key, URI fallback) {
        String v = props.getProperty(key);
        if (v == null) {
            return fallback;
        }
        try {
            return new URI(v.trim());
        } catch (URISyntaxException e) {
            throw typeError(key, "a URI", v);
        }
    }

    <E extends Enum<E>> E enumValue(String key, Class<E> type, E fallback) {
        String v = props.getProperty(key);
        if (v == null) {
            return fallback;
        }
        try {
            return Enum.valueOf(type, v.trim().toUpperCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw typeError(key, "one of " + java.util.Arrays.toString(type.getEnumConstants()).toLowerCase(java.util.Locale.ROOT), v);
        }
    }

    private static IllegalArgumentException typeError(String key, String expected, String found) {
        return new IllegalArgumentException(key + ": expected " + expected + ", found '" + found.trim() + "'");
    }

    /** Throws unless {@code ok}, naming the key, the allowed range and the value found. */
    static void check(boolean ok, String key, String allowed, Object found) {
        if (!ok) {
            throw new IllegalArgumentException(key + ": expected " + allowed + ", found " + found);
        }
    }
}
