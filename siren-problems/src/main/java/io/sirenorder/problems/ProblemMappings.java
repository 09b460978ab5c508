package io.sirenorder.problems;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.springframework.http.HttpStatus;

/**
 * A service's own exceptions and the problems they are answered with, declared as a bean in its web adapter:
 * <pre>{@code
 * @Bean
 * ProblemMappings orderProblemMappings() {
 *     return ProblemMappings.builder()
 *             .status(OrderNotFoundException.class, HttpStatus.NOT_FOUND)
 *             .problem(InvalidOrderException.class, e -> Problem.invalid("The order", fieldsOf(e)))
 *             .build();
 * }
 * }</pre>
 * An exception is answered as its own class is mapped, or else as its nearest mapped superclass; one mapped nowhere
 * is an unexpected failure, a 500.
 */
public final class ProblemMappings {

    private final Map<Class<?>, Function<Throwable, Problem>> mappings;

    private ProblemMappings(Map<Class<?>, Function<Throwable, Problem>> mappings) {
        this.mappings = Map.copyOf(mappings);
    }

    public static Builder builder() {
        return new Builder();
    }

    Optional<Problem> problemFor(Throwable exception) {
        for (Class<?> type = exception.getClass(); type != null; type = type.getSuperclass()) {
            Function<Throwable, Problem> mapping = mappings.get(type);
            if (mapping != null) {
                return Optional.of(mapping.apply(exception));
            }
        }
        return Optional.empty();
    }

    public static final class Builder {

        private final Map<Class<?>, Function<Throwable, Problem>> mappings = new HashMap<>();

        private Builder() {
        }

        /** Answers {@code type} with {@code status}; its message, which must be fit for clients, is the detail. */
        public Builder status(Class<? extends Exception> type, HttpStatus status) {
            return problem(type, exception -> Problem.of(status, exception.getMessage()));
        }

        public <E extends Exception> Builder problem(Class<E> type, Function<? super E, Problem> mapping) {
            mappings.put(type, exception -> mapping.apply(type.cast(exception)));
            return this;
        }

        public ProblemMappings build() {
            return new ProblemMappings(mappings);
        }
    }
}
