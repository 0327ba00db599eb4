package io.siplane.registrar;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.siplane.registrar.config.RegistrarConfig;
import io.siplane.registrar.events.KafkaEvents;
import io.siplane.registrar.subscriber.CsvProvisioner;
import io.siplane.registrar.subscriber.SubscriberStore;
import io.siplane.sip.auth.DigestAlgorithm;
import io.siplane.sip.auth.DigestServer;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.jboss.logging.Logger;

/** Wires the plain domain classes from the configuration. */
@ApplicationScoped
public class RegistrarBeans {

    private static final Logger LOG = Logger.getLogger(RegistrarBeans.class);

    @Produces
    @Singleton
    BindingView bindingView() {
        return new BindingView();
    }

    @Produces
    @Singleton
    SubscriberStore subscriberStore() {
        return new SubscriberStore();
    }

    @Produces
    @Singleton
    RegistrarMetrics metrics(MeterRegistry registry) {
        return new RegistrarMetrics(registry);
    }

    @Produces
    @Singleton
    Clock clock() {
        return Clock.systemUTC();
    }

    @Produces
    @Singleton
    KafkaEvents kafkaEvents(
            RegistrarConfig config,
            ObjectMapper json,
            BindingView bindings,
            SubscriberStore subscribers,
            RegistrarMetrics metrics,
            CsvProvisioner provisioner) {
        return new KafkaEvents(
                config.kafka(),
                "registrar-" + instanceId(config),
                json,
                bindings,
                subscribers,
                metrics,
                provisioner::provision);
    }

    void closeKafka(@Disposes KafkaEvents events) {
        events.close();
    }

    @Produces
    @Singleton
    RegistrationProcessor processor(RegistrarConfig config) {
        RegistrarConfig.Expires e = config.expires();
        return new RegistrationProcessor(new RegistrationPolicy(
                e.defaultSeconds(),
                e.minSeconds(),
                e.maxSeconds(),
                config.maxBindingsPerAor(),
                new HashSet<>(config.acceptedDomains().orElse(List.of())),
                instanceId(config)));
    }

    @Produces
    @Singleton
    SipRegistrarEndpoint endpoint(
            RegistrarConfig config,
            RegistrationProcessor processor,
            BindingView view,
            KafkaEvents events,
            SubscriberStore subscribers,
            RegistrarMetrics metrics,
            Clock clock) {
        RegisterAuthenticator authenticator = null;
        if (config.auth().enabled()) {
            authenticator = new RegisterAuthenticator(digestServer(config, clock), subscribers);
        } else {
            LOG.warn("registrar.auth.enabled=false: REGISTER is not authenticated (load tests only)");
        }
        return new SipRegistrarEndpoint(
                processor,
                authenticator,
                view,
                events,
                metrics,
                clock,
                config.kafka().retryAfter(),
                workers(config.sip()));
    }

    void closeEndpoint(@Disposes SipRegistrarEndpoint endpoint) {
        endpoint.close();
    }

    static DigestServer digestServer(RegistrarConfig config, Clock clock) {
        String secret = config.auth()
                .nonceSecret()
                .orElseThrow(() -> new IllegalStateException(
                        "registrar.auth.nonce-secret is required when registrar.auth.enabled=true"));
        byte[] key;
        try {
            key = Base64.getDecoder().decode(secret.strip());
        } catch (IllegalArgumentException e) {
            // Not the value in the message: it is a secret.
            throw new IllegalStateException("registrar.auth.nonce-secret is not valid base64");
        }
        List<DigestAlgorithm> algorithms = config.auth().algorithms().stream()
                .map(t -> DigestAlgorithm.fromToken(t)
                        .orElseThrow(() -> new IllegalStateException("unknown digest algorithm " + t)))
                .toList();
        return DigestServer.builder(realm(config), key)
                .algorithms(algorithms)
                .nonceLifetime(config.auth().nonceLifetime())
                .clock(clock)
                .build();
    }

    /** The realm challenged for and used for stored HA1 values. */
    public static String realm(RegistrarConfig config) {
        return config.auth().realm().orElse(config.domain());
    }

    static String instanceId(RegistrarConfig config) {
        return config.instanceId().orElseGet(() -> {
            try {
                return InetAddress.getLocalHost().getHostName();
            } catch (UnknownHostException e) {
                return "registrar";
            }
        });
    }

    private static ExecutorService workers(RegistrarConfig.Sip sip) {
        AtomicInteger n = new AtomicInteger();
        return new ThreadPoolExecutor(
                sip.workerThreads(),
                sip.workerThreads(),
                60,
                TimeUnit.SECONDS,
                new ArrayBlockingQueue<>(sip.queueCapacity()),
                r -> {
                    Thread t = new Thread(r, "registrar-worker-" + n.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                });
    }

    /** Starts reading the topics at start, so readiness can turn UP without waiting for a first request. */
    void onStart(@Observes StartupEvent event, KafkaEvents events, SipRegistrarEndpoint endpoint) {
        events.start();
    }

    void onStop(@Observes ShutdownEvent event) {
        LOG.info("registrar stopping");
    }
}
