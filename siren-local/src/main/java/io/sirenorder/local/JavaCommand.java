package io.sirenorder.local;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.jar.JarFile;

/** How to run a main class of this module in a new JVM, with this JVM's java binary and classpath. */
public final class JavaCommand {

    private static final String BOOT_LAUNCHER_PACKAGE = "org.springframework.boot.loader.";
    private static final String BOOT_PROPERTIES_LAUNCHER = "org.springframework.boot.loader.launch.PropertiesLauncher";

    private JavaCommand() {
    }

    /** The java binary running this JVM, so that every child runs on the same JDK as the launcher. */
    public static Path javaBinary() {
        return Path.of(System.getProperty("java.home"), "bin", "java");
    }

    /**
     * The arguments after {@code java} that run {@code mainClass}. From a plain classpath (tests, an IDE) that is
     * {@code -cp <classpath> <mainClass>}. Inside {@code siren-local-exec.jar} the classes sit in nested jars only
     * Spring Boot's loader can read, so its PropertiesLauncher starts the class instead.
     */
    public static List<String> runMainClass(Class<?> mainClass) {
        List<String> classpath = Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .map(entry -> Path.of(entry).toAbsolutePath().toString())
                .toList();
        String joined = String.join(File.pathSeparator, classpath);
        if (classpath.size() == 1 && isBootExecutableJar(classpath.getFirst())) {
            return List.of("-cp", joined, "-Dloader.main=" + mainClass.getName(), BOOT_PROPERTIES_LAUNCHER);
        }
        return List.of("-cp", joined, mainClass.getName());
    }

    private static boolean isBootExecutableJar(String path) {
        if (!path.endsWith(".jar")) {
            return false;
        }
        try (var jar = new JarFile(path)) {
            var manifest = jar.getManifest();
            return manifest != null
                    && manifest.getMainAttributes().getValue("Main-Class") instanceof String mainClass
                    && mainClass.startsWith(BOOT_LAUNCHER_PACKAGE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the manifest of " + path, e);
        }
    }
}
