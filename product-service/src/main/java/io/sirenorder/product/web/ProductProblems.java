package io.sirenorder.product.web;

import io.sirenorder.problems.InvalidField;
import io.sirenorder.problems.Problem;
import io.sirenorder.problems.ProblemMappings;
import io.sirenorder.product.domain.InvalidProductException;
import io.sirenorder.product.domain.ProductNotFoundException;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpStatus;

/** The catalogue's own failures as problems; siren-problems answers every other error the same way. */
@Configuration(proxyBeanMethods = false)
class ProductProblems {

    @Bean
    ProblemMappings productProblemMappings() {
        return ProblemMappings.builder()
                .problem(InvalidProductException.class, e -> Problem.invalid("The product", e.errors().stream()
                        .map(error -> new InvalidField(error.field(), error.message())).toList()))
                .status(ProductNotFoundException.class, HttpStatus.NOT_FOUND)
                .build();
    }
}
