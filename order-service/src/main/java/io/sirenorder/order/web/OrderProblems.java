package io.sirenorder.order.web;

import io.sirenorder.order.application.GroupCommit;
import io.sirenorder.order.application.InvalidPageRequestException;
import io.sirenorder.order.application.MenuItemNotFoundException;
import io.sirenorder.order.application.OrderNotFoundException;
import io.sirenorder.order.application.ProductCatalogueUnavailableException;
import io.sirenorder.order.application.ProductNotFoundException;
import io.sirenorder.order.domain.IllegalMoveException;
import io.sirenorder.order.domain.InvalidOrderException;
import io.sirenorder.order.domain.MoveNotPermittedException;
import io.sirenorder.order.domain.ProductNotOrderableException;
import io.sirenorder.order.domain.Violation;
import io.sirenorder.problems.InvalidField;
import io.sirenorder.problems.Problem;
import io.sirenorder.problems.ProblemMappings;
import java.time.Duration;
import java.util.List;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpStatus;

/** The order rules' failures as problems; siren-problems answers every other error the same way. */
@Configuration(proxyBeanMethods = false)
class OrderProblems {

    /** Another instance, or this one restarted, takes orders again within about a second. */
    private static final Duration RESTARTING = Duration.ofSeconds(1);

    @Bean
    ProblemMappings orderProblemMappings() {
        return ProblemMappings.builder()
                .problem(InvalidOrderException.class, e -> Problem.invalid("The order", fields(e.violations())))
                .problem(InvalidPageRequestException.class,
                        e -> Problem.invalid("The page request", fields(e.violations())))
                // each of these says in its message what is unknown
                .status(ProductNotFoundException.class, HttpStatus.NOT_FOUND)
                .status(OrderNotFoundException.class, HttpStatus.NOT_FOUND)
                .status(MenuItemNotFoundException.class, HttpStatus.NOT_FOUND)
                .status(ProductNotOrderableException.class, HttpStatus.CONFLICT)
                .problem(StatusNames.InvalidStatusException.class,
                        e -> Problem.invalid(e.what(), List.of(new InvalidField("status", e.getMessage()))))
                .status(MoveNotPermittedException.class, HttpStatus.FORBIDDEN)
                // what the order is now, at which version, and where it may go: a client that lost a race shows it
                // without asking again, ordered by version with what the stream tells it
                .problem(IllegalMoveException.class, e -> Problem.of(HttpStatus.CONFLICT, e.getMessage())
                        .with("currentStatus", e.current().name())
                        .with("version", e.version())
                        .with("allowed", e.allowed().stream().map(Enum::name).toList()))
                .problem(ProductCatalogueUnavailableException.class, e -> Problem.of(HttpStatus.SERVICE_UNAVAILABLE,
                        e.getMessage() + " Nothing was ordered; please try again shortly.").retryAfter(e.retryAfter()))
                // an order still arriving at an instance past its graceful shutdown (a slow machine's rolling update)
                .problem(GroupCommit.Closed.class, e -> Problem.of(HttpStatus.SERVICE_UNAVAILABLE,
                        "The order service is restarting. Nothing was ordered; please try again shortly.")
                        .retryAfter(RESTARTING))
                .build();
    }

    private static List<InvalidField> fields(List<Violation> violations) {
        return violations.stream().map(violation -> new InvalidField(violation.field(), violation.message())).toList();
    }
}
