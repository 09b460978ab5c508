package io.sirenorder.local;

/**
 * One process of a service: most services run once, but product, order, report and notification may run several
 * times side by side ({@code ./siren up --replicas N}), each instance on a port of its own. The first instance is
 * named after its service ({@code product}), so a system without replicas keeps the names it always had; the others
 * add their number ({@code product-2}). The name marks the process, its pid file, log and run directory.
 *
 * @param service what runs
 * @param number  which of the service's instances, from 1
 */
public record Instance(Service service, int number) {

    public Instance {
        if (number < 1) {
            throw new IllegalArgumentException("instances are numbered from 1, not " + number);
        }
    }

    /** The first instance of a service: the only one, without replicas. */
    public static Instance first(Service service) {
        return new Instance(service, 1);
    }

    public String id() {
        return number == 1 ? service.id() : service.id() + "-" + number;
    }

    @Override
    public String toString() {
        return id();
    }
}
