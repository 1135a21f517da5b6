package org.finres.core.internal;

import java.io.IOException;
import java.util.Optional;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import org.finres.core.Actor;
import org.finres.core.ActorAuthentication;
import org.finres.core.UserAccount;
import org.finres.core.UserAccounts;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Re-checks a logged-in user on every request: a session must not outlive the account's deletion, disabling or
 * change of role. A changed role takes effect at once; a deleted or disabled user is logged out.
 */
final class SessionRevalidationFilter extends OncePerRequestFilter {

    private final UserAccounts users;

    SessionRevalidationFilter(UserAccounts users) {
        this.users = users;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        SecurityContext context = SecurityContextHolder.getContext();
        Authentication authentication = context.getAuthentication();
        if (authentication instanceof ActorAuthentication a && a.actor() instanceof Actor.User user) {
            Optional<UserAccount> current = users.find(user.id());
            if (current.isEmpty() || !current.get().enabled()) {
                SecurityContextHolder.clearContext();
                HttpSession session = request.getSession(false);
                if (session != null) {
                    session.invalidate();
                }
                response.sendRedirect(request.getContextPath() + "/login?error=disabled");
                return;
            }
            if (current.get().role() != user.role()) {
                ActorAuthentication refreshed = new ActorAuthentication(new Actor.User(user.id(), user.username(),
                        user.institutionId(), user.institutionKind(), current.get().role()));
                refreshed.setDetails(a.getDetails());
                context.setAuthentication(refreshed);
                HttpSession session = request.getSession(false);
                if (session != null) {
                    session.setAttribute("SPRING_SECURITY_CONTEXT", context);
                }
            }
        }
        chain.doFilter(request, response);
    }
}
