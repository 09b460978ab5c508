package io.sirenorder.bench;

import io.sirenorder.local.SignIn;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;

/**
 * Customers signed in for a load, as the local system lets a new customer in: their access tokens, in a file that
 * wrk's {@code orders.lua} reads. The file goes when the customers do.
 */
public final class Customers implements AutoCloseable {

    /** Sign-ins at once: auth hashes each password, which is meant to be slow. */
    private static final int AT_ONCE = 4;

    private final Path tokens;

    private Customers(Path tokens) {
        this.tokens = tokens;
    }

    /**
     * Signs in {@code count} customers named {@code load-1}, {@code load-2}, ... at the local auth service: a name it
     * does not know yet, with itself as the password, becomes a customer at its first sign-in.
     */
    public static Customers signIn(String authBaseUrl, int count) {
        try (SignIn signIn = new SignIn(authBaseUrl); ExecutorService pool = Executors.newFixedThreadPool(AT_ONCE)) {
            List<Future<String>> signedIn = IntStream.rangeClosed(1, count)
                    .mapToObj(i -> pool.submit(() -> signIn.accessToken("load-" + i, "load-" + i)))
                    .toList();
            List<String> tokens = new ArrayList<>();
            for (Future<String> token : signedIn) {
                tokens.add(token.get());
            }
            Path file = Files.createTempFile("siren-customers-", ".txt");
            Files.write(file, tokens);
            return new Customers(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot keep the customers' tokens", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("a customer could not sign in at " + authBaseUrl, e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted signing customers in", e);
        }
    }

    /** The arguments of {@code orders.lua}: these customers, ordering the products of {@code menu} in turn. */
    public List<String> ordering(List<String> menu) {
        List<String> arguments = new ArrayList<>(List.of(tokens.toString()));
        arguments.addAll(menu);
        return arguments;
    }

    @Override
    public void close() {
        try {
            Files.deleteIfExists(tokens);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot remove " + tokens, e);
        }
    }
}
