package io.siplane.systemtest;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * A real single-node KRaft broker run by {@code deploy/local/kafka/kafka.sh} (the same script the local system
 * uses), in its own run directory and on its own ports, so tests never touch a developer's local broker.
 */
final class KafkaBroker implements AutoCloseable {
    final int port = Ports.free();
    final int controllerPort = Ports.free();
    private final Path runDir;
    private final Path logDir;

    KafkaBroker(Path runDir, Path logDir) {
        this.runDir = runDir;
        this.logDir = logDir;
    }

    String bootstrap() {
        return "127.0.0.1:" + port;
    }

    KafkaBroker start() throws IOException, InterruptedException {
        run("start");
        run("topics");
        return this;
    }

    void stop() throws IOException, InterruptedException {
        run("stop");
    }

    @Override
    public void close() throws IOException, InterruptedException {
        stop();
    }

    private void run(String command) throws IOException, InterruptedException {
        Path script = Repo.root().resolve("deploy/local/kafka/kafka.sh");
        ManagedProcess p = new ManagedProcess(
                "kafka-" + command,
                List.of("bash", script.toString(), command),
                Map.of(
                        "KAFKA_PORT",
                        Integer.toString(port),
                        "KAFKA_CONTROLLER_PORT",
                        Integer.toString(controllerPort),
                        "KAFKA_RUN_DIR",
                        runDir.toString()),
                logDir);
        p.start();
        // kafka.sh bounds its own waits (60 s to start, 30 s to stop); this is the outer bound
        int exit = p.awaitExit(Duration.ofMinutes(3));
        if (exit != 0) throw new IllegalStateException("kafka.sh " + command + " exited " + exit + ":\n" + p.logTail());
    }
}
