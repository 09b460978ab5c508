package io.sirenorder.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.OptionalLong;

/**
 * The pid of a service process, written when it starts, so that {@code ./siren status}, {@code stop} and
 * {@code down} in another terminal find it. A pid file alone proves nothing: the process may have died and its pid
 * been reused, which is why the {@link Supervisor} also checks the process's command line.
 */
record PidFile(Path path) {

    void write(long pid) {
        try {
            Files.createDirectories(path.getParent());
            // written aside and moved in, so a reader never sees a half-written number
            Path partial = path.resolveSibling(path.getFileName() + ".partial");
            Files.writeString(partial, pid + "\n");
            Files.move(partial, path, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write pid file " + path, e);
        }
    }

    OptionalLong read() {
        if (!Files.exists(path)) {
            return OptionalLong.empty();
        }
        String content;
        try {
            content = Files.readString(path).strip();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read pid file " + path, e);
        }
        try {
            return OptionalLong.of(Long.parseLong(content));
        } catch (NumberFormatException e) {
            throw new IllegalStateException("pid file " + path + " holds '" + content + "', not a pid; delete it", e);
        }
    }

    void delete() {
        try {
            Files.deleteIfExists(path);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete pid file " + path, e);
        }
    }
}
