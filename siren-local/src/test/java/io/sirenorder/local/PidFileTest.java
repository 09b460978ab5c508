package io.sirenorder.local;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PidFileTest {

    @TempDir
    Path dir;

    @Test
    void remembersThePid() {
        var pidFile = new PidFile(dir.resolve("run/order.pid"));

        pidFile.write(4242);

        assertThat(pidFile.read()).hasValue(4242);
        assertThat(dir.resolve("run")).isDirectoryContaining(path -> path.endsWith("order.pid"));
    }

    @Test
    void isEmptyWhenMissingOrDeleted() {
        var pidFile = new PidFile(dir.resolve("order.pid"));
        assertThat(pidFile.read()).isEmpty();

        pidFile.write(4242);
        pidFile.delete();

        assertThat(pidFile.read()).isEmpty();
    }

    @Test
    void namesTheFileWhenItHoldsNoPid() throws Exception {
        Files.writeString(dir.resolve("order.pid"), "coffee");

        assertThatThrownBy(() -> new PidFile(dir.resolve("order.pid")).read())
                .hasMessageContaining("order.pid")
                .hasMessageContaining("coffee");
    }
}
