package io.sirenorder.local;

import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.metadata.storage.Formatter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static java.util.Map.entry;

/**
 * A real single-node Kafka broker for local runs and tests, run as its own JVM by {@link LocalSystem}:
 * {@code LocalKafkaBroker --port 9092 --data-dir .siren/kafka}.
 * <p>
 * One process is both broker and KRaft controller. The client listener is 127.0.0.1:{@code port}; the controller
 * listens on a port picked afresh at every start, which is fine because the quorum (a single static voter) is read
 * from this configuration, not from the stored metadata. The storage is formatted on first start with a random
 * cluster id, which {@code meta.properties} then remembers, so the data survives restarts. SIGTERM stops the broker
 * gracefully.
 */
public final class LocalKafkaBroker {

    private static final Logger log = LoggerFactory.getLogger(LocalKafkaBroker.class);

    private static final int NODE_ID = 1;
    private static final String CONTROLLER_LISTENER = "CONTROLLER";

    record Options(int port, Path dataDir) {

        static Options parse(String... args) {
            var options = MainOptions.parse("LocalKafkaBroker --port <port> --data-dir <directory>", args);
            return new Options(Integer.parseInt(options.value("--port")),
                    Path.of(options.value("--data-dir")).toAbsolutePath());
        }
    }

    private LocalKafkaBroker() {
    }

    public static void main(String[] args) throws Exception {
        Options options = Options.parse(args);
        Map<String, String> config = config(options.port(), Ports.freePort(), options.dataDir());
        formatOnFirstStart(options.dataDir());

        var server = new KafkaRaftServer(new KafkaConfig(config, false), Time.SYSTEM);
        Runtime.getRuntime().addShutdownHook(new Thread(server::shutdown, "kafka-shutdown"));
        try {
            server.startup();
        } catch (Throwable e) {
            log.error("Kafka broker failed to start", e);
            // exit rather than return: the half-started broker's threads would keep this JVM alive; the hook cleans up
            System.exit(1);
        }
        log.info("Kafka broker ready on {}:{}, data in {}", Topology.HOST, options.port(), options.dataDir());
        server.awaitShutdown();
    }

    static Map<String, String> config(int port, int controllerPort, Path dataDir) {
        String client = Topology.HOST + ":" + port;
        String controller = Topology.HOST + ":" + controllerPort;
        return Map.ofEntries(
                entry("process.roles", "broker,controller"),
                entry("node.id", String.valueOf(NODE_ID)),
                entry("controller.quorum.voters", NODE_ID + "@" + controller),
                entry("controller.listener.names", CONTROLLER_LISTENER),
                entry("listeners", "PLAINTEXT://" + client + "," + CONTROLLER_LISTENER + "://" + controller),
                entry("advertised.listeners", "PLAINTEXT://" + client),
                entry("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT," + CONTROLLER_LISTENER + ":PLAINTEXT"),
                entry("inter.broker.listener.name", "PLAINTEXT"),
                entry("log.dirs", dataDir.toString()),
                // one node: every internal topic has one replica, and one in-sync replica is enough
                entry("default.replication.factor", "1"),
                entry("min.insync.replicas", "1"),
                entry("offsets.topic.replication.factor", "1"),
                entry("transaction.state.log.replication.factor", "1"),
                entry("transaction.state.log.min.isr", "1"),
                entry("share.coordinator.state.topic.replication.factor", "1"),
                entry("share.coordinator.state.topic.min.isr", "1"),
                // the defaults (50 partitions each) make the first consumer group and transaction take seconds
                entry("offsets.topic.num.partitions", "3"),
                entry("transaction.state.log.num.partitions", "3"),
                entry("num.partitions", "3"),
                entry("auto.create.topics.enable", "true"),
                // consumers join at once instead of waiting 3 s for others that will not come
                entry("group.initial.rebalance.delay.ms", "0"),
                // after a crash the controller refuses the broker's new registration until the old session expires
                // (9 s by default), so a killed broker would take that much longer to come back
                entry("broker.session.timeout.ms", "3000"),
                entry("broker.heartbeat.interval.ms", "500"),
                // the default 128 MB compaction buffer would be a third of the heap
                entry("log.cleaner.dedupe.buffer.size", String.valueOf(8 * 1024 * 1024)),
                entry("num.network.threads", "2"),
                entry("num.io.threads", "2"));
    }

    private static void formatOnFirstStart(Path dataDir) throws Exception {
        if (Files.exists(dataDir.resolve("meta.properties"))) {
            return;
        }
        Files.createDirectories(dataDir);
        // the Formatter API, not StorageTool: the tool ends the JVM through Exit when it is done
        new Formatter()
                .setNodeId(NODE_ID)
                .setClusterId(Uuid.randomUuid().toString())
                .setDirectories(List.of(dataDir.toString()))
                .setMetadataLogDirectory(dataDir.toString())
                .setControllerListenerName(CONTROLLER_LISTENER)
                .run();
    }
}
