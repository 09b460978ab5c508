package io.sirenorder.bench;

import java.io.IOException;
import java.lang.ProcessBuilder.Redirect;

/**
 * Another program busy on one core for as long as it is open: a spin loop pinned to the first core with taskset,
 * as on a laptop doing something else or a noisy cloud machine. On two cores it takes half the machine away.
 */
public final class CoreHog implements AutoCloseable {

    private final Process spinner;

    private CoreHog(Process spinner) {
        this.spinner = spinner;
    }

    public static CoreHog start() throws IOException {
        try {
            return new CoreHog(new ProcessBuilder("taskset", "-c", "0", "sh", "-c", "while :; do :; done")
                    .redirectErrorStream(true).redirectOutput(Redirect.DISCARD).start());
        } catch (IOException e) {
            throw new IOException("taking a core away needs taskset (Debian/Ubuntu: apt-get install util-linux)", e);
        }
    }

    @Override
    public void close() throws InterruptedException {
        spinner.destroy();
        spinner.waitFor();
    }
}
