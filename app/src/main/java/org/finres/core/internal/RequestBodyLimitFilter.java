package org.finres.core.internal;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.http.HttpStatus;
import org.springframework.util.unit.DataSize;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses API request bodies above a limit with 413, whether the size is declared (Content-Length) or only
 * discovered while reading (chunked): nothing is stored from a body that is cut off.
 */
@Configuration(proxyBeanMethods = false)
class RequestBodyLimitFilter {

    /**
     * @param maxBody   largest body accepted under /api/
     * @param bulkPaths paths whose endpoints read large bodies themselves and enforce their own limit (event intake)
     */
    @ConfigurationProperties("finres.api")
    record ApiLimits(@DefaultValue("1MB") DataSize maxBody, @DefaultValue("/api/v1/events") java.util.List<String> bulkPaths) {
    }

    /** Thrown from the body stream when the limit is passed; mapped to 413. */
    public static final class BodyTooLargeException extends IOException {
        BodyTooLargeException(long limit) {
            super("the request body is larger than the limit of " + limit + " bytes");
        }
    }

    @Bean
    FilterRegistrationBean<OncePerRequestFilter> requestBodyLimit(ApiLimits limits, ProblemResponses problems) {
        long max = limits.maxBody().toBytes();
        OncePerRequestFilter filter = new OncePerRequestFilter() {
            @Override
            protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                    throws ServletException, IOException {
                if (limits.bulkPaths().contains(request.getRequestURI())) {
                    chain.doFilter(request, response);
                    return;
                }
                if (request.getContentLengthLong() > max) {
                    problems.write(request, response, HttpStatus.CONTENT_TOO_LARGE,
                            "the request body of " + request.getContentLengthLong() + " bytes is larger than the limit of "
                                    + max + " bytes");
                    return;
                }
                chain.doFilter(new Limited(request, max), response);
            }
        };
        FilterRegistrationBean<OncePerRequestFilter> registration = new FilterRegistrationBean<>(filter);
        registration.addUrlPatterns("/api/*");
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 10);
        return registration;
    }

    private static final class Limited extends HttpServletRequestWrapper {
        private final long max;
        private ServletInputStream stream;

        Limited(HttpServletRequest request, long max) {
            super(request);
            this.max = max;
        }

        @Override
        public ServletInputStream getInputStream() throws IOException {
            if (stream == null) {
                ServletInputStream in = super.getInputStream();
                stream = new ServletInputStream() {
                    private long read;

                    @Override
                    public int read() throws IOException {
                        int b = in.read();
                        if (b >= 0) {
                            count(1);
                        }
                        return b;
                    }

                    @Override
                    public int read(byte[] buffer, int offset, int length) throws IOException {
                        int n = in.read(buffer, offset, length);
                        if (n > 0) {
                            count(n);
                        }
                        return n;
                    }

                    private void count(int n) throws BodyTooLargeException {
                        read += n;
                        if (read > max) {
                            throw new BodyTooLargeException(max);
                        }
                    }

                    @Override
                    public boolean isFinished() {
                        return in.isFinished();
                    }

                    @Override
                    public boolean isReady() {
                        return in.isReady();
                    }

                    @Override
                    public void setReadListener(ReadListener listener) {
                        in.setReadListener(listener);
                    }
                };
            }
            return stream;
        }
    }
}
