package io.siplane.registrar.subscriber;

import io.siplane.registrar.Aor;
import io.siplane.registrar.RegistrarBeans;
import io.siplane.registrar.RegistrationPublisher.PublishException;
import io.siplane.registrar.config.RegistrarConfig;
import io.siplane.registrar.events.KafkaEvents;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Optional;

/**
 * Subscriber provisioning: HA1 values are computed here from the password, which goes no further (not
 * stored, not logged, not published). Every write returns only after the broker acknowledged it, and this
 * instance reads its own write at once; other instances see it when their consumer reaches it.
 *
 * <p>Writes are serialised on this instance so that "create unless it exists" holds locally; two instances
 * creating the same AOR at the same moment both succeed and the later record wins (compaction keeps one).
 */
@ApplicationScoped
public class SubscriberService {

    /** What a write did. */
    public enum Outcome {
        CREATED,
        REPLACED,
        EXISTS
    }

    @Inject
    RegistrarConfig config;

    @Inject
    KafkaEvents events;

    @Inject
    SubscriberStore store;

    /** Creates the subscriber unless the AOR exists. */
    public synchronized Outcome create(String aor, String password) throws PublishException {
        if (store.find(aor).isPresent()) {
            return Outcome.EXISTS;
        }
        events.publishSubscriber(aor, newSubscriber(aor, password));
        return Outcome.CREATED;
    }

    /** Creates or replaces the subscriber. */
    public synchronized Outcome put(String aor, String password) throws PublishException {
        boolean existed = store.find(aor).isPresent();
        events.publishSubscriber(aor, newSubscriber(aor, password));
        return existed ? Outcome.REPLACED : Outcome.CREATED;
    }

    /** Deletes the subscriber (a tombstone on the topic); false when there was none. */
    public synchronized boolean delete(String aor) throws PublishException {
        if (store.find(aor).isEmpty()) {
            return false;
        }
        events.publishSubscriber(aor, null);
        return true;
    }

    public Optional<Subscriber> find(String aor) {
        return store.find(aor);
    }

    public List<Subscriber> page(int offset, int limit) {
        return store.page(offset, limit);
    }

    public long count() {
        return store.count();
    }

    private Subscriber newSubscriber(String aor, String password) {
        return Subscriber.fromPassword(aor, Aor.user(aor), RegistrarBeans.realm(config), password);
    }
}
