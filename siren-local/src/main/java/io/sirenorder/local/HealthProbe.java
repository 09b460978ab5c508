package io.sirenorder.local;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse.BodyHandlers;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import static io.sirenorder.local.Service.KAFKA;
import static io.sirenorder.local.Service.POSTGRES;
import static io.sirenorder.local.Service.ZIPKIN;

/**
 * Whether a service is ready for work: {@code /actuator/health/readiness} answers 200; for Kafka, the broker answers
 * a request to describe the cluster; for PostgreSQL, LocalPostgres has created the services' role and databases, and
 * the server answers; for Zipkin, its {@code /health} answers 200, which it does once its storage is up.
 */
final class HealthProbe implements AutoCloseable {

    private final Topology topology;
    private final Supervisor supervisor;
    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(1))
            .build();

    HealthProbe(Topology topology, Supervisor supervisor) {
        this.topology = topology;
        this.supervisor = supervisor;
    }

    boolean isReady(Instance instance) {
        return switch (instance.service()) {
            case POSTGRES -> supervisor.process(instance)
                    .filter(process -> LocalPostgres.isReady(topology.port(POSTGRES), topology.postgresDataDir(),
                            process.pid()))
                    .isPresent();
            case KAFKA -> kafkaAnswers();
            case ZIPKIN -> answers200(URI.create(topology.baseUrl(instance) + LocalZipkin.HEALTH_PATH), instance);
            default -> answers200(URI.create(topology.baseUrl(instance) + "/actuator/health/readiness"), instance);
        };
    }

    @Override
    public void close() {
        http.close();
    }

    private boolean answers200(URI probe, Instance instance) {
        var request = HttpRequest.newBuilder(probe)
                .timeout(Duration.ofSeconds(2))
                .build();
        try {
            return http.send(request, BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException notListeningOrTooSlow) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while probing " + instance, e);
        }
    }

    private boolean kafkaAnswers() {
        // a plain connect first: the admin client would log a warning for every refused connection
        if (!Ports.isListening(topology.port(KAFKA))) {
            return false;
        }
        // short timeouts: a starting broker accepts connections but answers only once it is ready
        Map<String, Object> config = Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, topology.kafkaBootstrapServers(),
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 1000,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 1000);
        try (Admin admin = Admin.create(config)) {
            return !admin.describeCluster().nodes().get(1, TimeUnit.SECONDS).isEmpty();
        } catch (ExecutionException | TimeoutException notReadyYet) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while probing kafka", e);
        }
    }
}
