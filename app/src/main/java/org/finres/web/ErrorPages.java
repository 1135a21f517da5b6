package org.finres.web;

import java.io.IOException;
import java.io.UncheckedIOException;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.finres.core.AccessRefusedException;
import org.finres.core.ConflictException;
import org.finres.core.InvalidInputException;
import org.finres.core.NotFoundException;
import org.springframework.beans.TypeMismatchException;
import org.springframework.boot.webmvc.autoconfigure.error.ErrorViewResolver;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerExceptionResolver;
import org.springframework.web.servlet.ModelAndView;

/**
 * Error pages in the shell's layout and language. A page controller's refusal or "not found" becomes the
 * matching status and page, while REST controllers keep their problem documents from the API's own advice.
 */
@Configuration(proxyBeanMethods = false)
class ErrorPages {

    /** Picks {@code error/403}, {@code error/404}, {@code error/500} or the general {@code error/error}. */
    @Bean
    ErrorViewResolver errorPageViews() {
        return (request, status, model) -> new ModelAndView(view(status), model, status);
    }

    @Bean
    PageFailures pageFailures() {
        return new PageFailures();
    }

    static String view(HttpStatus status) {
        if (status == HttpStatus.FORBIDDEN || status == HttpStatus.NOT_FOUND) {
            return "error/" + status.value();
        }
        return status.is5xxServerError() ? "error/500" : "error/error";
    }

    /**
     * Maps the core's exceptions thrown by page controllers to an HTTP status and lets the servlet container show
     * the error page. Runs before Spring's resolvers, and steps aside for handlers that write a response body (the
     * REST controllers), whose failures the API advice turns into problem documents.
     */
    static final class PageFailures implements HandlerExceptionResolver, Ordered {

        @Override
        public ModelAndView resolveException(HttpServletRequest request, HttpServletResponse response, Object handler,
                                             Exception failure) {
            if (!(handler instanceof HandlerMethod method) || writesBody(method)) {
                return null;
            }
            HttpStatus status = switch (failure) {
                case NotFoundException e -> HttpStatus.NOT_FOUND;
                case AccessRefusedException e -> HttpStatus.FORBIDDEN;
                case ConflictException e -> HttpStatus.CONFLICT;
                case InvalidInputException e -> HttpStatus.BAD_REQUEST;
                // A page addressed with a malformed or missing parameter (?before=abc): the page, not a JSON problem.
                case TypeMismatchException e -> HttpStatus.BAD_REQUEST;
                case MissingServletRequestParameterException e -> HttpStatus.BAD_REQUEST;
                default -> null;
            };
            if (status == null) {
                return null;
            }
            try {
                response.sendError(status.value());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return new ModelAndView();
        }

        private static boolean writesBody(HandlerMethod method) {
            return method.hasMethodAnnotation(ResponseBody.class)
                    || AnnotatedElementUtils.hasAnnotation(method.getBeanType(), ResponseBody.class);
        }

        @Override
        public int getOrder() {
            // After Boot's DefaultErrorAttributes (which only records the exception), before Spring MVC's own.
            return Ordered.HIGHEST_PRECEDENCE + 1;
        }
    }
}
