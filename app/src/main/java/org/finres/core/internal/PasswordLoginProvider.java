package org.finres.core.internal;

import org.finres.core.ActorAuthentication;
import org.finres.core.LoginResult;
import org.finres.core.UserAccounts;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.DisabledException;
import org.springframework.security.authentication.LockedException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;

/** Form login through {@link UserAccounts#login}, which applies the lockout and writes the audit trail. */
final class PasswordLoginProvider implements AuthenticationProvider {

    private final UserAccounts users;

    PasswordLoginProvider(UserAccounts users) {
        this.users = users;
    }

    @Override
    public Authentication authenticate(Authentication authentication) {
        String username = authentication.getName();
        Object credentials = authentication.getCredentials();
        LoginResult result = users.login(username, credentials == null ? null : credentials.toString());
        return switch (result) {
            case LoginResult.Succeeded ok -> {
                ActorAuthentication authenticated = new ActorAuthentication(ok.actor());
                authenticated.setDetails(ok.locale());
                yield authenticated;
            }
            case LoginResult.Rejected rejected -> throw new BadCredentialsException("wrong username or password");
            case LoginResult.Locked locked -> throw new LockedException("account locked until " + locked.until());
            case LoginResult.Disabled disabled -> throw new DisabledException("account disabled");
        };
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
    }
}
