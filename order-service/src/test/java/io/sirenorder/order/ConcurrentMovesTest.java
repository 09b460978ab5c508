package io.sirenorder.order;

import static org.assertj.core.api.Assertions.assertThat;

import io.sirenorder.events.OrderStatusChanged;
import java.net.http.HttpRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Clerks moving the same order at the same moment, over real HTTP and in real transactions: one wins, every other
 * gets 409, and no move is lost or made twice, in the database or on Kafka.
 */
class ConcurrentMovesTest extends OrderServiceTestBase {

    private static final int CLERKS = 8;

    @BeforeEach
    void productOnSale() {
        productService.available(1, 3500);
    }

    @Test
    void ofClerksMovingOneOrderToTheSameStatusAtOnceOneWinsAndTheOthersAreToldItMovedAlready() throws Exception {
        long id = place();

        List<Response> answers = atOnce(IntStream.range(0, CLERKS).mapToObj(clerk -> "Preparing").toList(), id);

        assertThat(answers).filteredOn(answer -> answer.status() == 200).hasSize(1);
        assertThat(answers).filteredOn(answer -> answer.status() == 409).hasSize(CLERKS - 1)
                .allSatisfy(lost -> {
                    assertThat(lost.json().get("currentStatus").asString()).isEqualTo("Preparing");
                    assertThat(lost.json().get("version").asLong()).isEqualTo(2);
                });
        assertThat(historyOf(id)).containsExactly("2:Ordered>Preparing");
        assertThat(movesOf(id)).extracting(OrderStatusChanged::version).containsExactly(2L);
    }

    @Test
    void clerksMakingDifferentMovesAtOnceLeaveOneUnbrokenHistoryWhateverTheOrderTheyCameIn() throws Exception {
        long id = place();
        // each wave's moves race each other; whichever lands first decides what the others may still do
        List<String> wave = List.of("Preparing", "Cancelled", "Ready", "Preparing", "Ready", "PickedUp",
                "Cancelled", "Ready");

        List<Response> answers = atOnce(wave, id);
        answers.addAll(atOnce(wave, id));

        long accepted = answers.stream().filter(answer -> answer.status() == 200).count();
        assertThat(answers).allSatisfy(answer -> assertThat(answer.status()).isIn(200, 409));
        List<String> history = historyOf(id);
        assertThat(history).hasSize((int) accepted);
        for (int i = 0; i < history.size(); i++) {
            // versions without a gap, each move starting where the one before ended
            assertThat(history.get(i)).startsWith((i + 2) + ":");
            if (i > 0) {
                String before = history.get(i - 1);
                assertThat(history.get(i).split(":")[1].split(">")[0])
                        .isEqualTo(before.substring(before.indexOf('>') + 1));
            }
        }
        List<OrderStatusChanged> published = movesOf(id);
        assertThat(published).hasSize(history.size());
        assertThat(published).extracting(move -> move.version() + ":" + move.from() + ">" + move.to())
                .containsExactlyElementsOf(history);
        assertThat(get("/orders/" + id).json().get("version").asLong()).isEqualTo(1 + accepted);
    }

    /** Sends each move from a thread of its own, released together; the answers in the order of {@code moves}. */
    private List<Response> atOnce(List<String> moves, long orderId) throws Exception {
        var start = new CountDownLatch(1);
        try (ExecutorService clerks = Executors.newFixedThreadPool(moves.size())) {
            List<Future<Response>> answers = moves.stream().map(status -> clerks.submit(() -> {
                start.await();
                return send(HttpRequest.newBuilder(uri("/orders/" + orderId))
                        .header("Content-Type", "application/json")
                        .header("Authorization", "Bearer " + ISSUER.clerk())
                        .method("PATCH", HttpRequest.BodyPublishers.ofString("{\"status\": \"" + status + "\"}")));
            })).toList();
            start.countDown();
            var result = new ArrayList<Response>();
            for (Future<Response> answer : answers) {
                result.add(answer.get(20, TimeUnit.SECONDS));
            }
            return result;
        }
    }

    private long place() {
        Response placed = post("/orders", "{\"productId\": 1}");
        assertThat(placed.status()).isEqualTo(201);
        return placed.json().get("id").asLong();
    }

    private List<String> historyOf(long orderId) {
        return jdbc.sql("""
                        SELECT version, from_status, to_status FROM order_move WHERE order_id = ? ORDER BY version""")
                .param(orderId)
                .query((row, n) -> row.getLong(1) + ":" + row.getString(2) + ">" + row.getString(3))
                .list();
    }

    private List<OrderStatusChanged> movesOf(long orderId) {
        return published(OrderStatusChanged.class).stream().filter(move -> move.orderId() == orderId).toList();
    }
}
