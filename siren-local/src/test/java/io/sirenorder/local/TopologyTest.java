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

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TopologyTest {

    private static final Path HOME = Path.of("/home/.siren");
    /** The issuer every token must name (the gateway's address), and where auth's keys are. */
    private static final String ISSUER_URI =
            "--spring.security.oauth2.resourceserver.jwt.issuer-uri=http://127.0.0.1:8080";
    private static final String JWK_SET_URI =
            "--spring.security.oauth2.resourceserver.jwt.jwk-set-uri=http://127.0.0.1:8085/oauth2/jwks";

    @Test
    void everyServiceIsOnItsUsualPortUnlessAnotherIsChosen() {
        assertThat(Topology.assignPorts(Map.of(ORDER, 9081), false, 1)).containsExactlyInAnyOrderEntriesOf(Map.of(
                first(POSTGRES), 5432, first(KAFKA), 9092, first(ZIPKIN), 9411, first(AUTH), 8085,
                first(PRODUCT), 8082, first(ORDER), 9081, first(REPORT), 8083, first(NOTIFICATION), 8084,
                first(GATEWAY), 8080));
    }

    @Test
    void replicasCountOnFromTheirServicesUsualPortInTens() {
        var ports = Topology.assignPorts(Map.of(), false, 3);

        assertThat(ports).containsEntry(new Instance(PRODUCT, 2), 8092).containsEntry(new Instance(PRODUCT, 3), 8102)
                .containsEntry(new Instance(ORDER, 2), 8091).containsEntry(new Instance(REPORT, 3), 8103)
                .containsEntry(new Instance(NOTIFICATION, 2), 8094)
                .doesNotContainKeys(new Instance(AUTH, 2), new Instance(GATEWAY, 2), new Instance(KAFKA, 2));
        assertThat(ports).hasSize(Service.values().length + 4 * 2);
    }

    @Test
    void freePortsAreTakenForTheInstancesWithoutAChosenOne() {
        var ports = Topology.assignPorts(Map.of(ORDER, 8080), true, 2);

        assertThat(ports).containsEntry(first(ORDER), 8080).hasSize(Service.values().length + 4);
        assertThat(ports.values()).doesNotHaveDuplicates();
    }

    @Test
    void refusesTwoServicesOnOnePort() {
        assertThatThrownBy(() -> Topology.assignPorts(Map.of(ORDER, 8080), false, 1))
                .hasMessageStartingWith("two processes on one port");
    }

    @Test
    void replicasShareTheirDatabaseSoTheyNeedPostgres() {
        assertThatThrownBy(() -> new Topology(HOME, false, false, false, 2, Topology.everyService(false, false),
                Topology.assignPorts(Map.of(), false, 2)))
                .hasMessageContaining("replicas run on PostgreSQL");
    }

    @Test
    void withReplicasCallersAreToldEveryInstanceAndEachInstanceItsOwnPortAndToDrainBeforeStopping() {
        var topology = new Topology(HOME, true, false, false, 2, Topology.everyService(true, false),
                Topology.assignPorts(Map.of(), false, 2));
        String drain = "--siren.shutdown.drain=" + Topology.DRAIN;

        assertThat(topology.instances(ORDER)).containsExactly(first(ORDER), new Instance(ORDER, 2));
        assertThat(topology.instances(GATEWAY)).containsExactly(first(GATEWAY));
        assertThat(topology.arguments(new Instance(ORDER, 2))).contains("--server.port=8091", drain,
                "--siren.catalogue.url=http://127.0.0.1:8082,http://127.0.0.1:8092");
        assertThat(topology.arguments(GATEWAY)).contains(
                "--siren.services.product=http://127.0.0.1:8082,http://127.0.0.1:8092",
                "--siren.services.notification=http://127.0.0.1:8084,http://127.0.0.1:8094",
                "--siren.services.auth=http://127.0.0.1:8085").doesNotContain(drain);
        assertThat(topology.arguments(AUTH)).doesNotContain(drain);
        assertThat(topology.baseUrl(new Instance(REPORT, 2))).isEqualTo("http://127.0.0.1:8093");
    }

    @Test
    void eachServiceIsToldWhereKafkaItsDatabaseAuthsKeysAndTheServicesItCallsAre() {
        var topology = onH2();
        String loopbackOnly = "--server.address=127.0.0.1";
        String kafka = "--spring.kafka.bootstrap-servers=127.0.0.1:9092";
        String local = "--spring.profiles.active=local";

        assertThat(topology.arguments(ORDER)).containsExactly("--server.port=8081", loopbackOnly, kafka, local,
                "--spring.datasource.url=jdbc:h2:file:/home/.siren/data/order/db;WRITE_DELAY=0;CACHE_SIZE=4096",
                ISSUER_URI, JWK_SET_URI, "--siren.catalogue.url=http://127.0.0.1:8082");
        assertThat(topology.arguments(NOTIFICATION)).containsExactly("--server.port=8084", loopbackOnly, kafka, local,
                ISSUER_URI, JWK_SET_URI);
        assertThat(topology.arguments(GATEWAY)).containsExactly("--server.port=8080", loopbackOnly, kafka, local,
                ISSUER_URI, JWK_SET_URI,
                "--siren.services.product=http://127.0.0.1:8082",
                "--siren.services.order=http://127.0.0.1:8081",
                "--siren.services.report=http://127.0.0.1:8083",
                "--siren.services.notification=http://127.0.0.1:8084",
                "--siren.services.auth=http://127.0.0.1:8085");
        assertThat(topology.arguments(KAFKA)).containsExactly("--port", "9092", "--data-dir", "/home/.siren/kafka");
    }

    @Test
    void authIssuesTokensNamingTheGatewayAndSendsTheWebAppBackToIt() {
        var topology = onH2();

        assertThat(topology.issuer()).isEqualTo("http://127.0.0.1:8080");
        assertThat(topology.arguments(AUTH)).containsExactly("--server.port=8085", "--server.address=127.0.0.1",
                "--spring.kafka.bootstrap-servers=127.0.0.1:9092", "--spring.profiles.active=local",
                "--spring.datasource.url=jdbc:h2:file:/home/.siren/data/auth/db;WRITE_DELAY=0;CACHE_SIZE=4096",
                "--spring.security.oauth2.authorizationserver.issuer=http://127.0.0.1:8080",
                "--spring.security.oauth2.authorizationserver.client.siren-web.registration.redirect-uris="
                        + "http://127.0.0.1:8080/signed-in.html,http://localhost:8080/signed-in.html");
    }

    @Test
    void everyServiceChecksTokensButAuth() {
        var topology = onH2();

        for (Service service : List.of(PRODUCT, ORDER, REPORT, NOTIFICATION, GATEWAY)) {
            assertThat(topology.arguments(service)).as(service.id()).contains(ISSUER_URI, JWK_SET_URI);
        }
        assertThat(topology.arguments(AUTH)).doesNotContain(ISSUER_URI, JWK_SET_URI);
    }

    @Test
    void nothingListensBeyondTheLoopbackUnlessTheGatewayIsMadePublic() {
        var topology = onH2();
        var open = new Topology(HOME, false, true, false, 1, Topology.everyService(false, false),
                Topology.assignPorts(Map.of(), false, 1));

        for (Service service : List.of(AUTH, PRODUCT, ORDER, REPORT, NOTIFICATION, GATEWAY)) {
            assertThat(topology.arguments(service)).as(service.id()).contains("--server.address=127.0.0.1");
        }
        assertThat(open.arguments(GATEWAY)).contains("--server.address=0.0.0.0")
                .doesNotContain("--server.address=127.0.0.1");
        assertThat(open.arguments(ORDER)).contains("--server.address=127.0.0.1");
    }

    @Test
    void onPostgresTheServicesGetItsDatabasesAndKafkaALogOfItsOwn() {
        var topology = new Topology(HOME, true, false, false, 1, Topology.everyService(true, false),
                Topology.assignPorts(Map.of(), false, 1));

        assertThat(topology.services()).containsExactly(POSTGRES, KAFKA, AUTH, PRODUCT, ORDER, REPORT, NOTIFICATION,
                GATEWAY);
        assertThat(topology.arguments(ORDER)).containsExactly("--server.port=8081", "--server.address=127.0.0.1",
                "--spring.kafka.bootstrap-servers=127.0.0.1:9092", "--spring.profiles.active=local",
                "--spring.datasource.url=jdbc:postgresql://127.0.0.1:5432/order",
                "--spring.datasource.username=siren", "--spring.datasource.password=siren",
                ISSUER_URI, JWK_SET_URI, "--siren.catalogue.url=http://127.0.0.1:8082");
        assertThat(topology.arguments(PRODUCT))
                .contains("--spring.datasource.url=jdbc:postgresql://127.0.0.1:5432/product");
        assertThat(topology.arguments(AUTH))
                .contains("--spring.datasource.url=jdbc:postgresql://127.0.0.1:5432/auth");
        assertThat(topology.arguments(POSTGRES)).containsExactly("--port", "5432",
                "--data-dir", "/home/.siren/postgres/data", "--databases", "auth,product,order,report");
        assertThat(topology.arguments(KAFKA)).containsSubsequence("--data-dir", "/home/.siren/postgres/kafka");
    }

    @Test
    void tracedEveryApplicationSendsItsSpansToZipkinWhichListensOnTheLoopbackAndKeepsThemInMemory() {
        var traced = new Topology(HOME, false, false, true, 1, Topology.everyService(false, true),
                Topology.assignPorts(Map.of(), false, 1));
        List<String> export = List.of("--management.tracing.export.zipkin.enabled=true",
                "--management.tracing.export.zipkin.endpoint=http://127.0.0.1:9411/api/v2/spans");

        assertThat(traced.services()).containsExactly(KAFKA, ZIPKIN, AUTH, PRODUCT, ORDER, REPORT, NOTIFICATION,
                GATEWAY);
        for (Service service : List.of(AUTH, PRODUCT, ORDER, REPORT, NOTIFICATION, GATEWAY)) {
            assertThat(traced.arguments(service)).as(service.id()).endsWith(export.toArray(String[]::new));
            assertThat(onH2().arguments(service)).as(service.id() + " untraced")
                    .noneMatch(argument -> argument.startsWith("--management.tracing"));
        }
        assertThat(traced.arguments(KAFKA)).doesNotContainAnyElementsOf(export);
        assertThat(traced.arguments(ZIPKIN)).containsExactly("--armeria.ports[0].ip=127.0.0.1",
                "--armeria.ports[0].port=9411", "--armeria.ports[0].protocols[0]=http", "--zipkin.storage.type=mem",
                "--zipkin.storage.mem.max-spans=" + LocalZipkin.MAX_SPANS);
        assertThat(traced.address(ZIPKIN)).isEqualTo("http://127.0.0.1:9411");
        assertThat(onH2().services()).doesNotContain(ZIPKIN);
    }

    @Test
    void onFreePortsZipkinTakesOneTooAndTheApplicationsAreToldWhich() {
        var ports = Topology.assignPorts(Map.of(), true, 1);
        var traced = new Topology(HOME, false, false, true, 1, Topology.everyService(false, true), ports);

        assertThat(traced.arguments(ZIPKIN)).contains("--armeria.ports[0].port=" + ports.get(first(ZIPKIN)));
        assertThat(traced.arguments(ORDER)).contains("--management.tracing.export.zipkin.endpoint=http://127.0.0.1:"
                + ports.get(first(ZIPKIN)) + "/api/v2/spans");
    }

    @Test
    void eachServiceIsReachedOnTheLoopbackAddress() {
        var topology = onH2();

        assertThat(List.of(topology.address(POSTGRES), topology.address(KAFKA), topology.address(GATEWAY)))
                .containsExactly("jdbc:postgresql://127.0.0.1:5432", "127.0.0.1:9092", "http://127.0.0.1:8080");
        assertThatThrownBy(() -> topology.baseUrl(KAFKA)).hasMessageStartingWith("kafka does not speak HTTP");
    }

    private static Topology onH2() {
        return new Topology(HOME, false, false, false, 1, Topology.everyService(false, false),
                Topology.assignPorts(Map.of(), false, 1));
    }

    private static Instance first(Service service) {
        return Instance.first(service);
    }
}
