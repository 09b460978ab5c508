package io.sirenorder.local;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * What a system adds to its services' standard settings, e.g. to run a demonstration or compare JIT settings.
 *
 * @param args       more command-line arguments for a service; one like {@code --name=value} replaces the standard one
 * @param jvmOptions more JVM options for every process, after the standard ones
 * @param env        environment variables for a service's process
 */
record ExtraSettings(Map<Service, List<String>> args, List<String> jvmOptions, Map<Service, Map<String, String>> env) {

    ExtraSettings {
        args = Map.copyOf(args);
        jvmOptions = List.copyOf(jvmOptions);
        env = env.entrySet().stream()
                .collect(Collectors.toUnmodifiableMap(Map.Entry::getKey, entry -> Map.copyOf(entry.getValue())));
    }

    /** The standard arguments and the extra ones after them, which replace standard ones of the same name. */
    List<String> arguments(Service service, List<String> standard) {
        List<String> extras = args.getOrDefault(service, List.of());
        // as Spring would join two values of one property with a comma
        Set<String> replaced = extras.stream().map(ExtraSettings::propertyName).collect(Collectors.toSet());
        return Stream.concat(standard.stream().filter(argument -> !replaced.contains(propertyName(argument))),
                extras.stream()).toList();
    }

    /** The service's JVM options, and the extra ones after them. */
    List<String> jvmOptions(Service service) {
        return Stream.concat(service.jvmOptions().stream(), jvmOptions.stream()).toList();
    }

    Map<String, String> env(Service service) {
        return env.getOrDefault(service, Map.of());
    }

    /** {@code --server.port} of {@code --server.port=8080}; an argument without a value is its own name. */
    private static String propertyName(String argument) {
        int equals = argument.indexOf('=');
        return equals < 0 ? argument : argument.substring(0, equals);
    }
}
