package io.sirenorder.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class ServiceTest {

    @Test
    void isNamedAsUsersTypeIt() {
        assertThat(Service.named("order")).isEqualTo(Service.ORDER);
        assertThatThrownBy(() -> Service.named("coffee"))
                .hasMessage("unknown service 'coffee' "
                        + "(one of: postgres, kafka, zipkin, auth, product, order, report, notification, gateway)");
    }

    @Test
    void runsFromTheJarItsModuleBuilds() {
        assertThat(Service.ORDER.jar(Path.of("/repo")))
                .isEqualTo(Path.of("/repo/order-service/target/order-service.jar"));
        assertThat(Service.GATEWAY.jar(Path.of("/repo"))).isEqualTo(Path.of("/repo/gateway/target/gateway.jar"));
    }

    @Test
    void brokerOptionsNeedAPortAndADataDirectory() {
        var options = LocalKafkaBroker.Options.parse("--port", "9092", "--data-dir", "/tmp/kafka");

        assertThat(options).isEqualTo(new LocalKafkaBroker.Options(9092, Path.of("/tmp/kafka")));
        assertThatThrownBy(() -> LocalKafkaBroker.Options.parse("--port", "9092"))
                .hasMessage("usage: LocalKafkaBroker --port <port> --data-dir <directory>");
        assertThatThrownBy(() -> LocalKafkaBroker.Options.parse("--port", "9092", "--data-dir", "/tmp", "--debug"))
                .hasMessageStartingWith("unknown option --debug");
        assertThatThrownBy(() -> LocalKafkaBroker.Options.parse("--data-dir", "/tmp", "--port"))
                .hasMessageStartingWith("missing value for --port");
    }

    @Test
    void postgresOptionsNameTheDatabasesToo() {
        var options = LocalPostgres.Options.parse(
                "--port", "5432", "--data-dir", "/tmp/postgres", "--databases", "product,order");

        assertThat(options)
                .isEqualTo(new LocalPostgres.Options(5432, Path.of("/tmp/postgres"), List.of("product", "order")));
        assertThatThrownBy(() -> LocalPostgres.Options.parse("--port", "5432", "--data-dir", "/tmp/postgres"))
                .hasMessage("usage: LocalPostgres --port <port> --data-dir <directory> --databases <name,...>");
    }
}
