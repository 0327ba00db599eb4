// Admin client of the local Kafka broker, run by kafka.sh as a single-file program:
//   java -cp 'deploy/local/run/kafka-lib/*' deploy/local/kafka/LocalKafkaAdmin.java <command> <bootstrap> [args]
// Commands:
//   ready  <bootstrap> <seconds> [pid]  wait until the broker answers metadata requests; exit 1 on
//                                 timeout, or as soon as the process pid (the broker) is gone
//   topics <bootstrap>            create the siplane topics if missing, and fix the cleanup policy of
//                                 existing ones (idempotent)
//   status <bootstrap>            print the cluster id, the nodes and every topic with its policy
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Properties;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.DescribeClusterResult;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;

public class LocalKafkaAdmin {

    /** The topics of the platform: name, partitions, cleanup policy. Replication factor is 1 (one node). */
    record TopicSpec(String name, int partitions, String cleanupPolicy) {}

    static final List<TopicSpec> TOPICS = List.of(
            // Per-AOR registration snapshots, keyed by AOR (ADR 0005).
            new TopicSpec("sip.registrations", 3, TopicConfig.CLEANUP_POLICY_COMPACT),
            // Provisioned subscribers and their credentials (HA1), keyed by subscriber.
            new TopicSpec("sip.subscribers", 3, TopicConfig.CLEANUP_POLICY_COMPACT),
            // Call detail records: an event stream, aged out by retention.
            new TopicSpec("sip.calls", 3, TopicConfig.CLEANUP_POLICY_DELETE));

    static final int TIMEOUT_MS = 5_000;

    public static void main(String[] args) throws Exception {
        if (args.length < 2) {
            System.err.println("usage: LocalKafkaAdmin ready|topics|status <bootstrap> [seconds]");
            System.exit(2);
        }
        String command = args[0];
        String bootstrap = args[1];
        int status;
        switch (command) {
            case "ready" -> status = ready(
                    bootstrap,
                    Duration.ofSeconds(Long.parseLong(args[2])),
                    args.length > 3 ? OptionalLong.of(Long.parseLong(args[3])) : OptionalLong.empty());
            case "topics" -> status = withAdmin(bootstrap, LocalKafkaAdmin::topics);
            case "status" -> status = withAdmin(bootstrap, LocalKafkaAdmin::status);
            default -> {
                System.err.println("unknown command: " + command);
                status = 2;
            }
        }
        System.exit(status);
    }

    interface AdminTask {
        int run(Admin admin) throws Exception;
    }

    static Admin admin(String bootstrap) {
        Properties p = new Properties();
        p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(AdminClientConfig.CLIENT_ID_CONFIG, "siplane-local-admin");
        p.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, TIMEOUT_MS);
        p.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, TIMEOUT_MS);
        p.put(AdminClientConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, 200);
        return Admin.create(p);
    }

    static int withAdmin(String bootstrap, AdminTask task) throws Exception {
        try (Admin admin = admin(bootstrap)) {
            return task.run(admin);
        } catch (ExecutionException e) {
            System.err.println("kafka: " + e.getCause());
            return 1;
        }
    }

    /** Polls until the broker answers a cluster description and a topic listing, or the time is up. */
    static int ready(String bootstrap, Duration timeout, OptionalLong brokerPid) {
        Instant deadline = Instant.now().plus(timeout);
        Throwable last = null;
        try (Admin admin = admin(bootstrap)) {
            while (Instant.now().isBefore(deadline)) {
                if (brokerPid.isPresent()
                        && !ProcessHandle.of(brokerPid.getAsLong())
                                .map(ProcessHandle::isAlive)
                                .orElse(false)) {
                    System.err.println("kafka: the broker process " + brokerPid.getAsLong() + " exited");
                    return 1;
                }
                try {
                    DescribeClusterResult cluster = admin.describeCluster();
                    cluster.nodes().get(TIMEOUT_MS, TimeUnit.MILLISECONDS);
                    cluster.controller().get(TIMEOUT_MS, TimeUnit.MILLISECONDS);
                    admin.listTopics().names().get(TIMEOUT_MS, TimeUnit.MILLISECONDS);
                    return 0;
                } catch (Exception e) {
                    last = e instanceof ExecutionException ? e.getCause() : e;
                    try {
                        Thread.sleep(200);
                    } catch (InterruptedException ie) {
                        Thread.currentThread().interrupt();
                        return 1;
                    }
                }
            }
        }
        System.err.println("kafka: no metadata answer from " + bootstrap + " within " + timeout.toSeconds()
                + " s" + (last == null ? "" : " (last error: " + last + ")"));
        return 1;
    }

    static int topics(Admin admin) throws Exception {
        Collection<String> existing = admin.listTopics().names().get();
        List<NewTopic> missing = new ArrayList<>();
        for (TopicSpec spec : TOPICS) {
            if (!existing.contains(spec.name())) {
                missing.add(new NewTopic(spec.name(), spec.partitions(), (short) 1)
                        .configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, spec.cleanupPolicy())));
            }
        }
        for (var entry : admin.createTopics(missing).values().entrySet()) {
            try {
                entry.getValue().get();
                System.out.println("created  " + entry.getKey());
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof TopicExistsException)) {
                    throw e; // another client racing us to create it is fine, anything else is not
                }
            }
        }

        int problems = 0;
        // A topic just created is known to the controller before the broker hosts its partitions; describing it
        // at once can fail with UnknownTopicOrPartition, so retry for a bounded time.
        Map<String, TopicDescription> descriptions = null;
        Map<ConfigResource, Config> configs = null;
        for (int attempt = 1; descriptions == null; attempt++) {
            try {
                descriptions = admin.describeTopics(names()).allTopicNames().get();
                configs = admin.describeConfigs(resources()).all().get();
            } catch (ExecutionException e) {
                descriptions = null;
                if (!(e.getCause() instanceof UnknownTopicOrPartitionException) || attempt >= 50) throw e;
                Thread.sleep(100); // a CLI waiting for the broker to catch up; bounded by the 50 attempts
            }
        }
        for (TopicSpec spec : TOPICS) {
            ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, spec.name());
            String policy = configs.get(resource).get(TopicConfig.CLEANUP_POLICY_CONFIG).value();
            if (!spec.cleanupPolicy().equals(policy)) {
                // Created by someone else with the wrong policy: a policy can be changed in place.
                admin.incrementalAlterConfigs(Map.of(
                                resource,
                                List.of(new AlterConfigOp(
                                        new ConfigEntry(TopicConfig.CLEANUP_POLICY_CONFIG, spec.cleanupPolicy()),
                                        AlterConfigOp.OpType.SET))))
                        .all()
                        .get();
                System.out.println(
                        "fixed    " + spec.name() + " cleanup.policy " + policy + " -> " + spec.cleanupPolicy());
            }
            int partitions = descriptions.get(spec.name()).partitions().size();
            if (partitions != spec.partitions()) {
                // Changing the partition count moves keys between partitions; that is the operator's call.
                System.err.println("WARNING  " + spec.name() + " has " + partitions + " partitions, expected "
                        + spec.partitions() + " (wipe the local state to recreate it)");
                problems++;
            }
        }
        return status(admin) == 0 && problems == 0 ? 0 : 1;
    }

    static int status(Admin admin) throws Exception {
        DescribeClusterResult cluster = admin.describeCluster();
        System.out.println("cluster  " + cluster.clusterId().get() + ", nodes " + cluster.nodes().get()
                + ", controller " + cluster.controller().get().id());
        TreeSet<String> names = new TreeSet<>(admin.listTopics().names().get());
        if (names.isEmpty()) {
            System.out.println("topics   (none)");
            return 0;
        }
        Map<String, TopicDescription> descriptions =
                admin.describeTopics(names).allTopicNames().get();
        List<ConfigResource> resources = names.stream()
                .map(n -> new ConfigResource(ConfigResource.Type.TOPIC, n))
                .toList();
        Map<ConfigResource, Config> configs = admin.describeConfigs(resources).all().get();
        for (String name : names) {
            TopicDescription d = descriptions.get(name);
            Config c = configs.get(new ConfigResource(ConfigResource.Type.TOPIC, name));
            System.out.printf(
                    "topic    %-20s partitions=%d rf=%d cleanup.policy=%s%n",
                    name,
                    d.partitions().size(),
                    d.partitions().get(0).replicas().size(),
                    c.get(TopicConfig.CLEANUP_POLICY_CONFIG).value());
        }
        return 0;
    }

    static List<String> names() {
        return TOPICS.stream().map(TopicSpec::name).toList();
    }

    static List<ConfigResource> resources() {
        return TOPICS.stream()
                .map(t -> new ConfigResource(ConfigResource.Type.TOPIC, t.name()))
                .toList();
    }
}
