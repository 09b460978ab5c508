package io.sirenorder.deploy;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Renders an overlay as {@code kubectl apply -k} would send it: {@code kubectl kustomize}. The manifests use
 * Kustomize 5 (kubectl 1.27 and newer); where no such kubectl is installed the manifest tests are skipped, saying so.
 */
final class Kubectl {

    private static final Pattern KUSTOMIZE_VERSION = Pattern.compile("Kustomize Version: v(\\d+)\\.");

    private Kubectl() {
    }

    /** Skips the calling test, naming what to install, unless a kubectl with Kustomize 5 or newer is on the PATH. */
    static void assumeInstalled() {
        String found;
        try {
            found = run(List.of("kubectl", "version", "--client"));
        } catch (IllegalStateException | IOException e) {
            found = "no kubectl (" + e.getMessage() + ")";
        }
        Matcher version = KUSTOMIZE_VERSION.matcher(found);
        assumeTrue(version.find() && Integer.parseInt(version.group(1)) >= 5,
                "deploy/kubernetes not checked: needs kubectl 1.27 or newer (Kustomize 5) on the PATH, found: "
                        + found.strip());
    }

    /** The overlay's objects as one multi-document YAML text. */
    static String kustomize(Path overlay) {
        try {
            return run(List.of("kubectl", "kustomize", overlay.toString()));
        } catch (IOException e) {
            throw new IllegalStateException("kubectl kustomize " + overlay + ": " + e.getMessage(), e);
        }
    }

    private static String run(List<String> command) throws IOException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        try {
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IllegalStateException(String.join(" ", command) + " failed: " + output);
            }
            return output;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } finally {
            process.destroy();
        }
    }
}
