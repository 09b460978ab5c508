package io.sirenorder.product.faults;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpStatus;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.servlet.HandlerInterceptor;

/** Slows and fails the calls it is registered for as {@link Faults} says; requests run on virtual threads. */
class FaultInjectingInterceptor implements HandlerInterceptor {

    private final Faults faults;

    FaultInjectingInterceptor(Faults faults) {
        this.faults = faults;
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        Faults.Settings settings = faults.settings();
        if (settings.none()) {
            return true;
        }
        long latency = faults.nextLatency(settings);
        if (latency > 0) {
            try {
                Thread.sleep(latency);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (faults.nextFails(settings)) {
            throw new InjectedFailure();
        }
        return true;
    }

    /** Answered as a 500 problem body by the web adapter's problem handling. */
    static class InjectedFailure extends ErrorResponseException {

        InjectedFailure() {
            super(HttpStatus.INTERNAL_SERVER_ERROR);
            getBody().setDetail("injected failure");
        }
    }
}
