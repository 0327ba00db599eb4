package io.siplane.location;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.time.Clock;

/** The plain domain objects as beans: they do not depend on the container, so tests build them directly. */
public class LocationBeans {

    @Produces
    @Singleton
    LocationStore store() {
        return new LocationStore();
    }

    @Produces
    @Singleton
    CatchUpTracker catchUpTracker() {
        return new CatchUpTracker();
    }

    @Produces
    @Singleton
    ConsumerStats consumerStats() {
        return new ConsumerStats();
    }

    @Produces
    @Singleton
    Clock clock() {
        return Clock.systemUTC();
    }
}
