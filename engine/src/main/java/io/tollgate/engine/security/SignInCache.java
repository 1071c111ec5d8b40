package io.tollgate.engine.security;

import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The credentials {@link CachingAuthenticationProvider} remembers, as the user service reaches them:
 * a changed password, a disabled user or new roles must count from the next request on. Not an
 * {@code AuthenticationProvider} bean itself, so Spring Security's global sign-in set-up does not
 * pick the provider up a second time.
 */
final class SignInCache {

    private final CachingAuthenticationProvider provider;

    SignInCache(CachingAuthenticationProvider provider) {
        this.provider = provider;
    }

    CachingAuthenticationProvider provider() {
        return provider;
    }

    /**
     * Forgets a user's remembered credentials now and again once the change commits, so a request
     * that signed in with the old ones in between is not remembered past it.
     */
    void forget(String username) {
        provider.forget(username);
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCompletion(int status) {
                    provider.forget(username);
                }
            });
        }
    }
}
