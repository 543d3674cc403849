package io.fashionspark.report;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * provenance.json and the configuration as HTML tables. Reads the JSON tree generically, so
 * older and newer runs (e.g. executors as strings or as records) both show what they hold.
 */
final class ProvenanceTables {
    /** Keys shown elsewhere in the report (the per-epoch table has the split seeds and rows). */
    private static final Set<String> SHOWN_ELSEWHERE = Set.of("config", "split_seeds", "split_rows");

    private ProvenanceTables() {
    }

    /** The provenance sections: run facts, build, timings, inputs, executors, losses, then the rest. */
    static String html(JsonNode provenance) {
        StringBuilder out = new StringBuilder();
        List<List<String>> facts = new ArrayList<>();
        Iterator<Map.Entry<String, JsonNode>> fields = provenance.fields();
        List<Map.Entry<String, JsonNode>> nested = new ArrayList<>();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> f = fields.next();
            if (SHOWN_ELSEWHERE.contains(f.getKey())) {
                continue;
            }
            if (f.getValue().isContainerNode()) {
                nested.add(f);
            } else {
                facts.add(List.of(Html.esc(f.getKey()), Html.esc(f.getValue().asText())));
            }
        }
        out.append("<h3>Run</h3>\n").append(Html.table("kv", List.of("", ""), facts));
        for (Map.Entry<String, JsonNode> f : nested) {
            out.append("<h3>").append(Html.esc(f.getKey().replace('_', ' '))).append("</h3>\n")
                    .append(node(f.getValue()));
        }
        return out.toString();
    }

    /** The configuration as a key/value table. */
    static String config(Map<String, String> config) {
        List<List<String>> rows = new ArrayList<>();
        config.entrySet().stream().sorted(Map.Entry.comparingByKey())
                .forEach(e -> rows.add(List.of("<code>" + Html.esc(e.getKey()) + "</code>", Html.esc(e.getValue()))));
        return Html.table("kv", List.of("key", "value"), rows);
    }

    private static String node(JsonNode node) {
        if (node.isObject()) {
            List<List<String>> rows = new ArrayList<>();
            node.fields().forEachRemaining(e -> rows.add(List.of(Html.esc(e.getKey()), cell(e.getValue()))));
            return Html.table("kv", List.of("", ""), rows);
        }
        if (node.isArray() && node.isEmpty()) {
            return "<p class=\"note\">none</p>\n";
        }
        if (node.isArray() && node.get(0).isObject()) {
            Set<String> columns = new LinkedHashSet<>();
            node.forEach(e -> e.fieldNames().forEachRemaining(columns::add));
            List<List<String>> rows = new ArrayList<>();
            for (JsonNode e : node) {
                List<String> row = new ArrayList<>();
                for (String c : columns) {
                    row.add(cell(e.path(c)));
                }
                rows.add(row);
            }
            return Html.table("grid", columns.stream().map(Html::esc).toList(), rows);
        }
        List<List<String>> rows = new ArrayList<>();
        node.forEach(e -> rows.add(List.of(cell(e))));
        return Html.table("grid", List.of(""), rows);
    }

    private static String cell(JsonNode value) {
        if (value.isMissingNode() || value.isNull()) {
            return "";
        }
        if (value.isContainerNode()) {
            return "<code>" + Html.esc(value.toString()) + "</code>";
        }
        if (value.isFloatingPointNumber()) {
            return Html.num(value.asDouble(), 3);
        }
        return Html.esc(value.asText());
    }
}
