package io.sirenorder.local;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The {@code --name value} options of the main classes {@link LocalSystem} runs in processes of their own. */
final class MainOptions {

    private final Map<String, String> values;

    private MainOptions(Map<String, String> values) {
        this.values = values;
    }

    /**
     * Parses {@code --name value} pairs. The usage line, such as {@code LocalKafkaBroker --port <port> --data-dir
     * <directory>}, names the options: each of them is required, and no other is allowed.
     */
    static MainOptions parse(String usage, String... args) {
        List<String> names = Arrays.stream(usage.split(" ")).filter(word -> word.startsWith("--")).toList();
        Map<String, String> values = new HashMap<>();
        for (int i = 0; i < args.length; i += 2) {
            if (!names.contains(args[i])) {
                throw new IllegalArgumentException("unknown option " + args[i] + "; usage: " + usage);
            }
            if (i + 1 == args.length) {
                throw new IllegalArgumentException("missing value for " + args[i] + "; usage: " + usage);
            }
            values.put(args[i], args[i + 1]);
        }
        if (!values.keySet().containsAll(names)) {
            throw new IllegalArgumentException("usage: " + usage);
        }
        return new MainOptions(values);
    }

    String value(String name) {
        return values.get(name);
    }
}
