package dev.ocxlpmem.namespaces.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The namespace objects of {@code ndctl list} output (pretty-printed JSON, one member a line):
 * their own members, nested objects such as {@code daxregion} left out.
 */
final class ListedObjects {
    private static final Pattern MEMBER = Pattern.compile("^(\\s*)\"([a-z_]+)\":\"?([^\",{\\[]*)\"?,?$");

    private ListedObjects() {
    }

    static List<Map<String, String>> namespaces(List<String> out) {
        List<Map<String, String>> all = new ArrayList<>();
        for (int i = 0; i < out.size(); i++) {
            Matcher m = MEMBER.matcher(out.get(i));
            if (!m.matches() || !m.group(2).equals("dev") || !m.group(3).startsWith("namespace")) {
                continue;
            }
            String indent = m.group(1);
            Map<String, String> object = new LinkedHashMap<>();
            for (int j = i; j < out.size(); j++) {
                String line = out.get(j);
                if (line.startsWith(indent.substring(0, indent.length() - 2) + "}")) {
                    break;
                }
                Matcher member = MEMBER.matcher(line);
                if (member.matches() && member.group(1).equals(indent)) {
                    object.put(member.group(2), member.group(3));
                }
            }
            all.add(object);
        }
        return all;
    }
}
