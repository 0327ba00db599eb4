package io.siplane.systemtest;

import java.nio.file.Path;

/** Where a test class's process logs go: kept under target/ after the run, for whoever reads a failure. */
final class Logs {
    private Logs() {}

    static Path dir(Class<?> testClass) {
        return Path.of("target", "it-logs", testClass.getSimpleName()).toAbsolutePath();
    }
}
