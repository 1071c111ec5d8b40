package io.tollgate.engine.security;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.security.core.context.DeferredSecurityContext;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.web.context.HttpRequestResponseHolder;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.security.web.context.RequestAttributeSecurityContextRepository;
import org.springframework.security.web.context.SecurityContextRepository;

/**
 * The API's view of sign-ins: it reads the session the web UI's form sign-in opened, but a request
 * signed in by its own credentials (Basic, bearer) is kept for that request only and never opens or
 * changes a session.
 */
final class SessionReadingContextRepository implements SecurityContextRepository {

    private final HttpSessionSecurityContextRepository sessions = new HttpSessionSecurityContextRepository();
    private final RequestAttributeSecurityContextRepository request = new RequestAttributeSecurityContextRepository();

    @Override
    @SuppressWarnings("deprecation")
    public SecurityContext loadContext(HttpRequestResponseHolder holder) {
        return loadDeferredContext(holder.getRequest()).get();
    }

    @Override
    public DeferredSecurityContext loadDeferredContext(HttpServletRequest httpRequest) {
        DeferredSecurityContext here = request.loadDeferredContext(httpRequest);
        if (!here.isGenerated()) {
            return here;
        }
        return sessions.loadDeferredContext(httpRequest);
    }

    @Override
    public void saveContext(SecurityContext context, HttpServletRequest httpRequest, HttpServletResponse response) {
        request.saveContext(context, httpRequest, response);
    }

    @Override
    public boolean containsContext(HttpServletRequest httpRequest) {
        return request.containsContext(httpRequest) || sessions.containsContext(httpRequest);
    }
}
