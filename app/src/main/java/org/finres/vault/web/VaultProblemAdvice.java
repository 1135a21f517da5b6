package org.finres.vault.web;

import java.net.URI;

import jakarta.servlet.http.HttpServletRequest;
import org.finres.vault.VaultRefusedException;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** A well-formed request the vault cannot accept (a signer it does not know, a share for another key) is a 422. */
@RestControllerAdvice(assignableTypes = VaultApi.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
class VaultProblemAdvice {

    @ExceptionHandler(VaultRefusedException.class)
    ProblemDetail refused(VaultRefusedException e, HttpServletRequest request) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.UNPROCESSABLE_CONTENT, e.getMessage());
        problem.setTitle("Refused by the vault");
        problem.setInstance(URI.create(request.getRequestURI()));
        return problem;
    }
}
