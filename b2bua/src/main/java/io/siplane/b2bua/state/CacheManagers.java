package io.siplane.b2bua.state;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;
import org.infinispan.configuration.cache.CacheMode;
import org.infinispan.configuration.cache.Configuration;
import org.infinispan.configuration.cache.ConfigurationBuilder;
import org.infinispan.configuration.global.GlobalConfigurationBuilder;
import org.infinispan.manager.DefaultCacheManager;
import org.infinispan.manager.EmbeddedCacheManager;
import org.infinispan.remoting.transport.jgroups.FileJGroupsChannelConfigurator;
import org.infinispan.remoting.transport.jgroups.JGroupsTransport;

/**
 * Builds the embedded, clustered cache manager programmatically. The JGroups stack comes from an XML resource whose
 * {@code ${b2bua.jgroups.*}} placeholders are filled from {@link ClusterSettings}, not from system properties, so
 * that several managers with different ports can run in one JVM (the failover tests do).
 */
public final class CacheManagers {
    /** Calls by the B2BUA's call id. */
    public static final String CALLS_CACHE = "b2bua-calls";
    /** Leg SIP Call-ID → call id. */
    public static final String LEGS_CACHE = "b2bua-call-legs";

    private CacheManagers() {}

    /** Starts a cache manager with both caches defined and started; it has joined the cluster when this returns. */
    public static EmbeddedCacheManager start(ClusterSettings s) {
        GlobalConfigurationBuilder global = GlobalConfigurationBuilder.defaultClusteredBuilder();
        global.cacheManagerName(s.nodeName());
        global.transport()
                .clusterName(s.clusterName())
                .nodeName(s.nodeName())
                .addProperty(JGroupsTransport.CHANNEL_CONFIGURATOR, channel(s));
        global.serialization().addContextInitializer(new CallStateSchemaImpl());
        // JMX off: several managers share a JVM in the tests, and the service exports Micrometer metrics instead.
        global.jmx().enabled(false);
        DefaultCacheManager manager = new DefaultCacheManager(global.build(), false);
        Configuration dist = new ConfigurationBuilder()
                .clustering()
                .cacheMode(CacheMode.DIST_SYNC)
                .hash()
                .numOwners(s.owners())
                .build();
        manager.defineConfiguration(CALLS_CACHE, dist);
        manager.defineConfiguration(LEGS_CACHE, dist);
        manager.start();
        manager.getCache(CALLS_CACHE);
        manager.getCache(LEGS_CACHE);
        return manager;
    }

    private static FileJGroupsChannelConfigurator channel(ClusterSettings s) {
        Properties p = new Properties();
        p.setProperty("b2bua.jgroups.bind_addr", s.bindAddress());
        p.setProperty("b2bua.jgroups.bind_port", Integer.toString(s.bindPort()));
        p.setProperty("b2bua.jgroups.initial_hosts", s.initialHosts() == null ? "" : s.initialHosts());
        p.setProperty("b2bua.jgroups.dns_query", s.dnsQuery() == null ? "" : s.dnsQuery());
        String resource = s.stackResource();
        try (InputStream in = CacheManagers.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) throw new IllegalStateException("JGroups stack " + resource + " not on the classpath");
            return new FileJGroupsChannelConfigurator(s.stack(), resource, in, p);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read JGroups stack " + resource, e);
        }
    }
}
