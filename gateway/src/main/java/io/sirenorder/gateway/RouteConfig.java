package io.sirenorder.gateway;

import org.springframework.cloud.gateway.support.HasRouteId;

/** The configuration of a route filter that needs nothing but its route, which the gateway fills in. */
public class RouteConfig implements HasRouteId {

    private String routeId;

    @Override
    public void setRouteId(String routeId) {
        this.routeId = routeId;
    }

    @Override
    public String getRouteId() {
        return routeId;
    }
}
