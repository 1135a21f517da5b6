package org.finres.resilience.web;

import java.net.URI;
import java.util.List;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import org.finres.resilience.DrillRefusedException;
import org.finres.resilience.RegisterRejectedException;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * A refused register is a 400 listing every problem with its line, column and element, so a tool can point at each;
 * well-formed drill evidence the hub does not accept is a 422 with the reason.
 */
@RestControllerAdvice(assignableTypes = ResilienceApi.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
class ResilienceProblemAdvice {

    @ExceptionHandler(DrillRefusedException.class)
    ProblemDetail drillRefused(DrillRefusedException e, HttpServletRequest request) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.UNPROCESSABLE_CONTENT, e.getMessage());
        problem.setTitle("Drill evidence refused");
        problem.setInstance(URI.create(request.getRequestURI()));
        return problem;
    }

    @ExceptionHandler(RegisterRejectedException.class)
    ProblemDetail rejected(RegisterRejectedException e, HttpServletRequest request) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, e.getMessage());
        problem.setTitle("Register refused");
        problem.setInstance(URI.create(request.getRequestURI()));
        List<Map<String, Object>> problems = e.problems().stream().map(p -> Map.<String, Object>of("line", p.line(),
                "column", p.column(), "element", p.element(), "message", p.message(), "text", p.toString())).toList();
        problem.setProperty("problems", problems);
        // The generic shape too, so any client that lists a problem document's errors lists every line.
        problem.setProperty("errors", e.problems().stream().map(p -> Map.of("field", p.line() > 0 ? "line " + p.line()
                : p.element().isEmpty() ? "register" : p.element(), "message", p.toString())).toList());
        return problem;
    }
}
