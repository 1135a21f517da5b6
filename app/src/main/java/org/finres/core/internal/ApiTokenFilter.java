package org.finres.core.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.finres.core.Actor;
import org.finres.core.ActorAuthentication;
import org.finres.core.ApiTokens;
import org.springframework.http.HttpHeaders;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Authenticates API and protocol requests by token: {@code Authorization: Bearer frs_...}, or HTTP Basic for
 * protocols whose clients only speak Basic (TAXII): the password is the whole token, or the username is the
 * token id and the password its secret. A presented but invalid token is answered 401 at once.
 */
final class ApiTokenFilter extends OncePerRequestFilter {

    private final ApiTokens tokens;
    private final ProblemResponses problems;

    ApiTokenFilter(ApiTokens tokens, ProblemResponses problems) {
        this.tokens = tokens;
        this.problems = problems;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String header = request.getHeader(HttpHeaders.AUTHORIZATION);
        if (header == null || header.isBlank()) {
            chain.doFilter(request, response);
            return;
        }
        Optional<String> presented = presentedToken(header);
        Optional<Actor.Token> actor = presented.flatMap(tokens::authenticate);
        if (actor.isEmpty()) {
            problems.unauthorized(request, response, presented.isEmpty()
                    ? "the Authorization header is neither 'Bearer <token>' nor HTTP Basic carrying a FinRes token"
                    : "the token is unknown, revoked or expired");
            return;
        }
        SecurityContextHolder.getContext().setAuthentication(new ActorAuthentication(actor.get()));
        try {
            chain.doFilter(request, response);
        } finally {
            SecurityContextHolder.clearContext();
        }
    }

    static Optional<String> presentedToken(String header) {
        String h = header.strip();
        if (h.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return Optional.of(h.substring(7).strip());
        }
        if (h.regionMatches(true, 0, "Basic ", 0, 6)) {
            String decoded;
            try {
                decoded = new String(Base64.getDecoder().decode(h.substring(6).strip()), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                return Optional.empty();
            }
            int colon = decoded.indexOf(':');
            if (colon < 0) {
                return Optional.empty();
            }
            String user = decoded.substring(0, colon);
            String password = decoded.substring(colon + 1);
            return Optional.of(password.startsWith("frs_") ? password : "frs_" + user + "_" + password);
        }
        return Optional.empty();
    }
}
