package io.sirenorder.gateway;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Each client's rate limit at the door (see {@link ClientRateLimiter}): a token bucket that holds {@code burst}
 * requests and refills at {@code requestsPerSecond}.
 * <p>
 * The defaults never limit normal use, the benchmark included, and still hold one client to a small share of what
 * the gateway can serve. A person's app makes a few requests a second at most (the menu, an order, the stream);
 * the benchmark's rush hour is 100 customers, each with a token of their own, at about 20 requests a second each;
 * its sweep drives a single customer as fast as it is answered, 563 orders a second on the 2-core reference
 * machine and more on a faster one. 1,000 a second leaves that unlimited with room to spare, and a burst of 2,000
 * takes a client that starts all at once (a page load, every stream reconnecting after a restart). On the
 * reference machine the gateway serves about 6,500 trivial requests a second, so one client flooding gets at most
 * a sixth of it, and admission control queues the rest fairly.
 *
 * @param requestsPerSecond the bucket's refill: a client's sustained rate (a fraction too: 0.5 is one request every
 *        two seconds)
 * @param burst the bucket's size: how many requests a client that was quiet may send at once
 * @param maxClients buckets kept at most (those used longest ago go first; a client whose bucket went gets a new,
 *        full one), so that a flood of distinct clients cannot exhaust memory: about 200 bytes each
 * @param exemptAnonymousLoopback whether requests without a token from the gateway's own machine go unlimited:
 *        whoever is on that machine can call the services directly anyway (they listen on 127.0.0.1), and the
 *        benchmark reads the menu from there as fast as the gateway answers; a request with a token is limited by
 *        its subject wherever it comes from
 */
@ConfigurationProperties("siren.rate-limit")
record RateLimitProperties(@DefaultValue("1000") double requestsPerSecond,
                           @DefaultValue("2000") long burst,
                           @DefaultValue("10000") long maxClients,
                           @DefaultValue("true") boolean exemptAnonymousLoopback) {
}
