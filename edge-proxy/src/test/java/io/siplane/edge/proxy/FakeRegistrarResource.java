package io.siplane.edge.proxy;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/** Starts a {@link FakeRegistrar} before the Quarkus edge, and points the edge at it. */
public class FakeRegistrarResource implements QuarkusTestResourceLifecycleManager {
    private FakeRegistrar registrar;

    @Override
    public Map<String, String> start() {
        registrar = new FakeRegistrar();
        return Map.of("edge.registrar.instances", registrar.id());
    }

    @Override
    public void stop() {
        if (registrar != null) registrar.close();
    }
}
