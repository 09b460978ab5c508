package io.sirenorder.product.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.Locale;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Tells every caller how long product itself took to answer, as {@code Server-Timing: app;dur=<ms>} (W3C Server
 * Timing): from the moment the request reached the application until its answer began. A caller that measures a
 * much longer round trip knows the rest was spent outside product, in queues and on a busy machine: order's circuit
 * breaker judges product by this figure, so that a saturated caller is not taken for a slow product.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
class ServerTiming extends OncePerRequestFilter {

    static final String HEADER = "Server-Timing";

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        chain.doFilter(request, new Timed(response, System.nanoTime()));
    }

    /** Adds the header once, just before the answer's headers are sent: when its body or error begins. */
    private static final class Timed extends HttpServletResponseWrapper {

        private final long started;
        private boolean stamped;

        Timed(HttpServletResponse response, long started) {
            super(response);
            this.started = started;
        }

        private void stamp() {
            if (!stamped && !isCommitted()) {
                stamped = true;
                double millis = (System.nanoTime() - started) / 1e6;
                setHeader(HEADER, String.format(Locale.ROOT, "app;dur=%.1f", millis));
            }
        }

        @Override
        public ServletOutputStream getOutputStream() throws IOException {
            stamp();
            return super.getOutputStream();
        }

        @Override
        public PrintWriter getWriter() throws IOException {
            stamp();
            return super.getWriter();
        }

        @Override
        public void flushBuffer() throws IOException {
            stamp();
            super.flushBuffer();
        }

        @Override
        public void sendError(int status, String message) throws IOException {
            stamp();
            super.sendError(status, message);
        }

        @Override
        public void sendError(int status) throws IOException {
            stamp();
            super.sendError(status);
        }
    }
}
