package org.eldercare.falldetection.eval;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Minimal "--name value" parser shared by the evaluation commands; repeated options accumulate. */
final class Options {
    private final Map<String, List<String>> values = new LinkedHashMap<>();
    private final List<String> flags = new ArrayList<>();

    Options(String[] args, List<String> flagNames) {
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (!a.startsWith("--")) {
                values.computeIfAbsent("--dir", k -> new ArrayList<>()).add(a); // positional = directory
                continue;
            }
            if (flagNames.contains(a)) {
                flags.add(a);
                continue;
            }
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException("missing value for " + a);
            }
            values.computeIfAbsent(a, k -> new ArrayList<>()).add(args[++i]);
        }
    }

    String get(String name, String fallback) {
        List<String> v = values.get(name);
        return v == null ? fallback : v.get(v.size() - 1);
    }

    List<String> all(String name) {
        return values.getOrDefault(name, List.of());
    }

    boolean flag(String name) {
        return flags.contains(name);
    }

    Map<String, String> keyValues(String name) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String kv : all(name)) {
            int eq = kv.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException(name + " expects key=value, got " + kv);
            }
            out.put(kv.substring(0, eq).strip(), kv.substring(eq + 1).strip());
        }
        return out;
    }
}
