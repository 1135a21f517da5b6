package org.finres.core;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Login and token policy.
 *
 * @param maxFailedLogins  failed logins in a row that lock an account
 * @param lockout          how long the lock lasts
 * @param minPasswordLength shortest password accepted
 * @param maxTokenLifetime longest validity a new API token may be given
 */
@ConfigurationProperties("finres.security")
public record SecurityProperties(@DefaultValue("5") int maxFailedLogins,
                                 @DefaultValue("15m") Duration lockout,
                                 @DefaultValue("12") int minPasswordLength,
                                 @DefaultValue("365d") Duration maxTokenLifetime) {
}
