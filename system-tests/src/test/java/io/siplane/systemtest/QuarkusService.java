package io.siplane.systemtest;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** A packaged Quarkus service run as its own JVM, configured by system properties, awaited until ready. */
final class QuarkusService extends ManagedProcess {
    static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    final int httpPort;

    private QuarkusService(String name, List<String> cmd, Path logDir, int httpPort) {
        super(name, cmd, Map.of(), logDir);
        this.httpPort = httpPort;
    }

    static QuarkusService of(String module, String name, Map<String, String> config, Path logDir) {
        Map<String, String> props = new TreeMap<>(config);
        int port = Integer.parseInt(props.computeIfAbsent("quarkus.http.port", k -> Integer.toString(Ports.free())));
        List<String> cmd = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx384m",
                "-XX:TieredStopAtLevel=1"));
        props.forEach((k, v) -> cmd.add("-D" + k + "=" + v));
        cmd.addAll(List.of("-jar", Repo.quarkusJar(module).toString()));
        return new QuarkusService(name, cmd, logDir, port);
    }

    String baseUrl() {
        return "http://127.0.0.1:" + httpPort;
    }

    /** Starts the JVM and waits (bounded) until /q/health/ready answers 200. */
    QuarkusService startAndAwaitReady(Duration timeout) throws IOException {
        return startAndAwaitReady(timeout, true);
    }

    /** Waits until ready, starting the JVM first when {@code start} (else it was started already). */
    QuarkusService startAndAwaitReady(Duration timeout, boolean start) throws IOException {
        if (start) start();
        try {
            await().atMost(timeout).pollInterval(Duration.ofMillis(200)).until(() -> {
                if (!isAlive()) throw new IllegalStateException(name + " exited:\n" + logTail());
                return get("/q/health/ready").statusCode() == 200;
            });
        } catch (RuntimeException e) {
            throw new IllegalStateException(name + " not ready within " + timeout + ":\n" + logTail(), e);
        }
        return this;
    }

    HttpResponse<String> get(String path) {
        try {
            return HTTP.send(
                    HttpRequest.newBuilder(URI.create(baseUrl() + path))
                            .timeout(Duration.ofSeconds(5))
                            .GET()
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            return new FailedResponse(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new FailedResponse(new IOException(e));
        }
    }

    HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        return HTTP.send(request.timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** A connection failure as a response with status 0, so pollers can just look at the status. */
    private record FailedResponse(IOException cause) implements HttpResponse<String> {
        public int statusCode() {
            return 0;
        }

        public HttpRequest request() {
            return null;
        }

        public java.util.Optional<HttpResponse<String>> previousResponse() {
            return java.util.Optional.empty();
        }

        public java.net.http.HttpHeaders headers() {
            return java.net.http.HttpHeaders.of(Map.of(), (a, b) -> true);
        }

        public String body() {
            return cause.toString();
        }

        public java.util.Optional<javax.net.ssl.SSLSession> sslSession() {
            return java.util.Optional.empty();
        }

        public URI uri() {
            return null;
        }

        public HttpClient.Version version() {
            return HttpClient.Version.HTTP_1_1;
        }
    }
}
