package io.siplane.b2bua.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs SIPp (Debian package {@code sip-tester}) as an independent SIP peer. Every run is bounded: a call count
 * ({@code -m}) and a global timeout ({@code -timeout}, with {@code -timeout_error}), and the process is killed
 * by its own PID if it outlives both. Traffic goes to loopback only.
 */
public final class Sipp {
    private final List<String> args = new ArrayList<>();
    private final Path workDir;
    private final String name;
    private Duration timeout = Duration.ofSeconds(60);
    private Process process;

    private Sipp(String name, Path workDir) {
        this.name = name;
        this.workDir = workDir;
    }

    /** A SIPp run of a built-in ({@code uac}, {@code uas}, …) or a scenario file. */
    public static Sipp scenario(String builtInOrFile, Path workDir) {
        Sipp s = new Sipp(Path.of(builtInOrFile).getFileName().toString().replace(".xml", ""), workDir);
        if (builtInOrFile.endsWith(".xml")) s.args.addAll(List.of("-sf", builtInOrFile));
        else s.args.addAll(List.of("-sn", builtInOrFile));
        return s;
    }

    /** Fails with a clear message when SIPp is not installed (test.sh installs it). */
    public static String executable() {
        for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin").split(":")) {
            Path p = Path.of(dir, "sipp");
            if (Files.isExecutable(p)) return p.toString();
        }
        throw new IllegalStateException("sipp not found on PATH: run ./test.sh, which installs Debian's sip-tester");
    }

    public Sipp args(String... a) {
        args.addAll(Arrays.asList(a));
        return this;
    }

    /** Remote peer, on loopback. */
    public Sipp remote(String hostPort) {
        if (!hostPort.startsWith("127.") && !hostPort.startsWith("[::1]"))
            throw new IllegalArgumentException("tests send SIP to loopback only: " + hostPort);
        args.add(hostPort);
        return this;
    }

    public Sipp timeout(Duration d) {
        timeout = d;
        return this;
    }

    /** Starts SIPp in the background; {@link #await()} collects the result. */
    public Sipp start() throws IOException {
        List<String> cmd = new ArrayList<>();
        cmd.add(executable());
        cmd.addAll(args);
        cmd.addAll(List.of(
                "-nostdin",
                "-timeout",
                timeout.toSeconds() + "s",
                "-timeout_error",
                "-trace_stat",
                "-stf",
                statFile().toString(),
                "-fd",
                "1",
                "-trace_err",
                "-error_file",
                errorFile().toString()));
        Files.createDirectories(workDir);
        process = new ProcessBuilder(cmd)
                .directory(workDir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(workDir.resolve(name + ".out").toFile())
                .start();
        return this;
    }

    /** Waits for SIPp to exit (killing it past its own timeout plus a grace period) and reads its statistics. */
    public Result await() throws IOException, InterruptedException {
        boolean exited = process.waitFor(timeout.toSeconds() + 15, TimeUnit.SECONDS);
        if (!exited) {
            process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
        }
        return new Result(
                exited ? process.exitValue() : -1,
                lastStats(),
                readOrEmpty(errorFile()),
                readOrEmpty(workDir.resolve(name + ".out")));
    }

    /** Stops a still-running SIPp (by its own PID). */
    public void stop() {
        if (process != null && process.isAlive()) process.destroyForcibly();
    }

    public boolean isAlive() {
        return process != null && process.isAlive();
    }

    private Path statFile() {
        return workDir.resolve(name + "-stat.csv");
    }

    private Path errorFile() {
        return workDir.resolve(name + "-errors.log");
    }

    private Map<String, String> lastStats() throws IOException {
        Path f = statFile();
        Map<String, String> out = new HashMap<>();
        if (!Files.exists(f)) return out;
        List<String> lines = Files.readAllLines(f, StandardCharsets.ISO_8859_1);
        if (lines.size() < 2) return out;
        String[] head = lines.get(0).split(";");
        String[] last = lines.get(lines.size() - 1).split(";");
        for (int i = 0; i < Math.min(head.length, last.length); i++) out.put(head[i].trim(), last[i].trim());
        return out;
    }

    private static String readOrEmpty(Path p) throws IOException {
        return Files.exists(p) ? Files.readString(p, StandardCharsets.ISO_8859_1) : "";
    }

    /** What a SIPp run ended with. */
    public record Result(int exitCode, Map<String, String> stats, String errors, String output) {
        public long successfulCalls() {
            return counter("SuccessfulCall(C)");
        }

        public long failedCalls() {
            return counter("FailedCall(C)");
        }

        public long retransmissions() {
            return counter("Retransmissions(C)");
        }

        public long counter(String name) {
            String v = stats.get(name);
            return v == null || v.isEmpty() ? -1 : Long.parseLong(v);
        }

        /** A one-line summary for assertion messages. */
        public String describe() {
            String tail = output.length() > 2000 ? output.substring(output.length() - 2000) : output;
            return "exit=" + exitCode + " successful=" + successfulCalls() + " failed=" + failedCalls()
                    + " retransmissions=" + retransmissions() + "\nerrors:\n"
                    + (errors.length() > 2000 ? errors.substring(0, 2000) : errors) + "\noutput tail:\n" + tail;
        }
    }
}
