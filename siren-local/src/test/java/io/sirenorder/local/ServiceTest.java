package io.sirenorder.local;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ServiceTest {

    @Test
    void isNamedAsUsersTypeIt() {
        assertThat(Service.named("order")).isEqualTo(Service.ORDER);
        assertThatThrownBy(() -> Service.named("coffee"))
                .hasMessage("unknown service 'coffee' (one of: kafka, product, order, report, gateway)");
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
                .hasMessageContaining("usage: LocalKafkaBroker --port <port> --data-dir <directory>");
    }
}
