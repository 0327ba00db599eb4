package io.siplane.systemtest;

import java.nio.file.Files;
import java.nio.file.Path;

/** Paths in the repository, found from the module's working directory. */
final class Repo {
    private Repo() {}

    static Path root() {
        Path p = Path.of("").toAbsolutePath();
        for (Path d = p; d != null; d = d.getParent()) {
            if (Files.exists(d.resolve("mvnw")) && Files.isDirectory(d.resolve("sip-core"))) return d;
        }
        throw new IllegalStateException("repository root not found above " + p);
    }

    /** The fast-jar of a Quarkus service module; fails clearly when the module was not packaged. */
    static Path quarkusJar(String module) {
        Path jar = root().resolve(module).resolve("target/quarkus-app/quarkus-run.jar");
        if (!Files.isRegularFile(jar))
            throw new IllegalStateException(
                    jar + " is missing: package the services first (./mvnw package -DskipTests)");
        return jar;
    }
}
