package io.sirenorder.local;

import static io.sirenorder.local.Service.AUTH;
import static io.sirenorder.local.Service.GATEWAY;
import static io.sirenorder.local.Service.KAFKA;
import static io.sirenorder.local.Service.NOTIFICATION;
import static io.sirenorder.local.Service.ORDER;
import static io.sirenorder.local.Service.POSTGRES;
import static io.sirenorder.local.Service.PRODUCT;
import static io.sirenorder.local.Service.REPORT;
import static io.sirenorder.local.Service.ZIPKIN;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalSystemTest {

    @TempDir
    Path home;

    private LocalSystem system;

    @AfterEach
    void stopEverything() {
        if (system != null) {
            system.close();
        }
    }

    @Test
    void anotherLauncherWithTheSameHomeFindsAndStopsTheRunningService() {
        system = kafkaOnly().freePorts().build();
        system.startAll();
        long pid = system.process(KAFKA).orElseThrow().pid();

        // what ./siren status and ./siren stop in another terminal do
        var otherTerminal = kafkaOnly().port(KAFKA, system.port(KAFKA)).build();
        assertThat(otherTerminal.process(KAFKA).map(ProcessHandle::pid)).hasValue(pid);
        assertThat(otherTerminal.isHealthy(KAFKA)).isTrue();
        assertThatThrownBy(otherTerminal::startAll).hasMessageContaining("kafka is already running (pid " + pid + ")");

        otherTerminal.stop(KAFKA);

        assertThat(system.isRunning(KAFKA)).isFalse();
        assertThat(ProcessHandle.of(pid)).isEmpty();
        assertThat(home.resolve("run/kafka.pid")).doesNotExist();
    }

    @Test
    void killEndsTheServiceAtOnceAndItCanStartAgain() {
        system = kafkaOnly().freePorts().build();
        system.start(KAFKA);

        system.kill(KAFKA);
        assertThat(system.isRunning(KAFKA)).isFalse();

        system.start(KAFKA);
        assertThat(system.isHealthy(KAFKA)).isTrue();
    }

    @Test
    void refusesToStartOnAPortAnotherProcessHolds() throws Exception {
        try (var squatter = new ServerSocket(0)) {
            system = kafkaOnly().port(KAFKA, squatter.getLocalPort()).build();

            assertThatThrownBy(system::startAll)
                    .hasMessageContaining("port " + squatter.getLocalPort() + " for kafka is taken by another process");
        }
        assertThat(system.isRunning(KAFKA)).isFalse();
    }

    @Test
    void refusesToStartAServiceWhoseJarIsMissingAndNamesIt(@TempDir Path emptyRepo) {
        system = LocalSystem.builder().repoDir(emptyRepo).homeDir(home).services(KAFKA, PRODUCT).freePorts().build();

        assertThatThrownBy(system::startAll)
                .hasMessageContaining("product-service/target/product-service.jar is missing");
        assertThat(system.isRunning(KAFKA)).as("nothing starts when anything is missing").isFalse();
    }

    @Test
    void aPidFileNamingSomeOtherProcessDoesNotCountAsTheService() throws Exception {
        system = kafkaOnly().freePorts().build();
        Files.createDirectories(home.resolve("run"));
        Files.writeString(home.resolve("run/kafka.pid"), ProcessHandle.current().pid() + "\n");

        assertThat(system.isRunning(KAFKA)).isFalse();
        system.stop(KAFKA);
        assertThat(ProcessHandle.current().isAlive()).isTrue();
    }

    @Test
    void runsEachServiceFromItsImageWithTheArgumentsOfTheTopology() {
        system = kafkaOnly().freePorts().build();

        // from its image, linked under the home, with the class cache made for it
        assertThat(system.command(ORDER)).containsSubsequence("-Dsiren.service=order",
                "-XX:" + (ServiceImage.hasAotCache() ? "AOTCache=" + home.resolve("run/order/order.aot")
                        : "SharedArchiveFile=" + home.resolve("run/order/order.jsa")),
                "-jar", home.resolve("run/order/order-service.jar").toString(),
                "--server.port=" + system.port(ORDER))
                .endsWith("--siren.catalogue.url=" + system.baseUrl(PRODUCT));
        assertThat(system.command(KAFKA)).containsSubsequence(LocalKafkaBroker.class.getName(),
                "--port", String.valueOf(system.port(KAFKA)), "--data-dir", home.resolve("kafka").toString());
    }

    @Test
    void onPostgresTheDatabaseIsPartOfTheSystemAndStartsFirst() {
        system = LocalSystem.builder().homeDir(home).postgres().freePorts().build();

        assertThat(system.services()).containsExactly(POSTGRES, KAFKA, AUTH, PRODUCT, ORDER, REPORT, NOTIFICATION,
                GATEWAY);
        assertThat(system.command(POSTGRES)).containsSubsequence(LocalPostgres.class.getName(),
                "--port", String.valueOf(system.port(POSTGRES)),
                "--data-dir", home.resolve("postgres/data").toString(),
                "--databases", "auth,product,order,report");
    }

    @Test
    void onH2FilesPostgresIsNotPartOfTheSystem() {
        system = LocalSystem.builder().homeDir(home).freePorts().build();

        assertThat(system.onPostgres()).isFalse();
        assertThat(system.services()).containsExactly(KAFKA, AUTH, PRODUCT, ORDER, REPORT, NOTIFICATION, GATEWAY);
    }

    @Test
    void extraArgumentsComeLastAndReplaceStandardOnesOfTheSameName() {
        system = kafkaOnly().freePorts().args(ORDER, "--siren.catalogue.url=http://127.0.0.1:1", "--debug").build();

        assertThat(system.command(ORDER))
                .endsWith("--siren.catalogue.url=http://127.0.0.1:1", "--debug")
                .filteredOn(argument -> argument.startsWith("--siren.catalogue.url=")).hasSize(1);
    }

    @Test
    void tracedZipkinRunsFromItsJarOnTheLoopbackAndKeepsTheSpansItIsSent() throws Exception {
        system = LocalSystem.builder().homeDir(home).tracing().services(ZIPKIN).freePorts().build();
        assertThat(system.command(ZIPKIN)).containsSubsequence("-Dsiren.service=zipkin", "-jar",
                home.resolve("run/zipkin/zipkin-server.jar").toString(), "--armeria.ports[0].ip=127.0.0.1",
                "--armeria.ports[0].port=" + system.port(ZIPKIN));

        system.startAll();

        assertThat(system.isHealthy(ZIPKIN)).isTrue();
        String traceId = "4bf92f3577b34da6a3ce929d0e0e4736";
        String span = """
                [{"traceId": "%s", "id": "00f067aa0ba902b7", "name": "post /orders", "kind": "SERVER",
                  "timestamp": %d, "duration": 1200, "localEndpoint": {"serviceName": "order"}}]"""
                .formatted(traceId, System.currentTimeMillis() * 1000);
        try (HttpClient http = HttpClient.newHttpClient()) {
            var sent = http.send(HttpRequest.newBuilder(URI.create(system.baseUrl(ZIPKIN) + "/api/v2/spans"))
                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(span))
                    .build(), BodyHandlers.discarding());
            assertThat(sent.statusCode()).isEqualTo(202);
            var trace = http.send(HttpRequest.newBuilder(URI.create(system.baseUrl(ZIPKIN) + "/api/v2/trace/"
                    + traceId)).build(), BodyHandlers.ofString());
            assertThat(trace.body()).contains("\"serviceName\":\"order\"", "post /orders");
        }
        system.stop(ZIPKIN);
        assertThat(system.isRunning(ZIPKIN)).isFalse();
    }

    private LocalSystemBuilder kafkaOnly() {
        return LocalSystem.builder().homeDir(home).services(KAFKA);
    }
}
