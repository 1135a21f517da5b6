package org.finres.core.internal;

import java.io.IOException;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.finres.core.ApiTokens;
import org.finres.core.UserAccounts;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.security.authentication.DisabledException;
import org.springframework.security.authentication.LockedException;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.crypto.argon2.Argon2PasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;
import org.springframework.security.web.authentication.SavedRequestAwareAuthenticationSuccessHandler;
import org.springframework.security.web.authentication.www.BasicAuthenticationFilter;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter;

/**
 * Three filter chains. The API and protocol chain is stateless and accepts only tokens, so no cookie can
 * ride along and CSRF cannot apply. The documentation chain is public. The UI chain uses form login with
 * CSRF protection, session fixation protection and a strict content security policy.
 */
@Configuration(proxyBeanMethods = false)
@EnableWebSecurity
class SecurityConfiguration {

    static final String CSP = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
            + "font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; "
            + "frame-ancestors 'none'";

    @Bean
    PasswordEncoder passwordEncoder() {
        // Argon2id with Spring Security's current parameters (16 MiB, 2 iterations).
        return Argon2PasswordEncoder.defaultsForSpringSecurity_v5_8();
    }

    /** The only authentication provider; its presence also stops Boot from creating a default user. */
    @Bean
    PasswordLoginProvider passwordLoginProvider(UserAccounts users) {
        return new PasswordLoginProvider(users);
    }

    @Bean
    @Order(1)
    SecurityFilterChain apiChain(HttpSecurity http, ApiTokens tokens, ProblemResponses problems) throws Exception {
        http.securityMatcher("/api/**", "/taxii2/**")
                .csrf(csrf -> csrf.disable())
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .requestCache(c -> c.disable())
                .securityContext(c -> c.requireExplicitSave(true))
                .addFilterBefore(new ApiTokenFilter(tokens, problems), BasicAuthenticationFilter.class)
                .authorizeHttpRequests(a -> a.anyRequest().authenticated())
                .exceptionHandling(e -> e
                        .authenticationEntryPoint((request, response, ex) -> problems.unauthorized(request, response,
                                "this endpoint needs an API token: 'Authorization: Bearer frs_...' or HTTP Basic"))
                        .accessDeniedHandler((request, response, ex) -> problems.write(request, response,
                                HttpStatus.FORBIDDEN, ex.getMessage())))
                .headers(h -> h.contentSecurityPolicy(c -> c.policyDirectives("default-src 'none'; frame-ancestors 'none'")));
        return http.build();
    }

    @Bean
    @Order(2)
    SecurityFilterChain publicChain(HttpSecurity http) throws Exception {
        http.securityMatcher("/v3/api-docs/**", "/v3/api-docs", "/swagger-ui/**", "/swagger-ui.html",
                        "/actuator/health/**", "/actuator/health", "/actuator/prometheus")
                .csrf(csrf -> csrf.disable())
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .authorizeHttpRequests(a -> a.anyRequest().permitAll())
                // Swagger UI sets inline styles on its elements; nothing else here renders HTML.
                .headers(h -> h.contentSecurityPolicy(c -> c.policyDirectives(
                        "default-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; frame-ancestors 'none'")));
        return http.build();
    }

    @Bean
    @Order(3)
    SecurityFilterChain uiChain(HttpSecurity http, PasswordLoginProvider passwordLogin, UserLocaleResolver locales,
                                UserAccounts users) throws Exception {
        SavedRequestAwareAuthenticationSuccessHandler success = new SavedRequestAwareAuthenticationSuccessHandler() {
            @Override
            public void onAuthenticationSuccess(HttpServletRequest request, HttpServletResponse response,
                                                org.springframework.security.core.Authentication authentication)
                    throws jakarta.servlet.ServletException, IOException {
                if (authentication.getDetails() instanceof java.util.Locale locale) {
                    locales.rememberForSession(request, response, locale);
                }
                super.onAuthenticationSuccess(request, response, authentication);
            }
        };
        success.setDefaultTargetUrl("/");
        AuthenticationFailureHandler failure = (HttpServletRequest request, HttpServletResponse response,
                                                AuthenticationException ex) -> {
            String reason = ex instanceof LockedException ? "locked" : ex instanceof DisabledException ? "disabled" : "bad";
            response.sendRedirect(request.getContextPath() + "/login?error=" + reason);
        };
        http.authenticationManager(new ProviderManager(passwordLogin))
                .addFilterAfter(new SessionRevalidationFilter(users),
                        org.springframework.security.web.context.SecurityContextHolderFilter.class)
                .authorizeHttpRequests(a -> a
                        .requestMatchers("/login", "/css/**", "/js/**", "/img/**", "/webjars/**", "/favicon.ico",
                                "/error", "/language").permitAll()
                        .anyRequest().authenticated())
                .formLogin(f -> f.loginPage("/login").successHandler(success).failureHandler(failure).permitAll())
                .logout(l -> l.logoutUrl("/logout").logoutSuccessUrl("/login?logout").permitAll())
                .sessionManagement(s -> s.sessionFixation(f -> f.changeSessionId()))
                .headers(h -> h
                        .contentSecurityPolicy(c -> c.policyDirectives(CSP))
                        .referrerPolicy(r -> r.policy(ReferrerPolicyHeaderWriter.ReferrerPolicy.SAME_ORIGIN))
                        .permissionsPolicyHeader(p -> p.policy("camera=(), microphone=(), geolocation=(), payment=()")));
        return http.build();
    }
}
