package io.tollgate.engine.support;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionStatus;
import org.springframework.transaction.support.DefaultTransactionDefinition;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;
import java.util.regex.Pattern;

/**
 * One read-only transaction for each of the reads people make most (the inbox, the project list,
 * a project, the dashboard), from signing in to the answer: the caller's credentials, membership and
 * the read share it, instead of a transaction each. It runs just before the security filters
 * (whose order is -100). Only reads known to write nothing are wrapped: a read-only transaction
 * refuses a write.
 */
@Component
@Order(-101)
class ReadTransactionFilter extends OncePerRequestFilter {

    private static final Pattern READS = Pattern.compile("/api/(tasks|projects|projects/[^/]+|dashboard)");

    private final PlatformTransactionManager transactions;
    private final DefaultTransactionDefinition readOnly = new DefaultTransactionDefinition();

    ReadTransactionFilter(PlatformTransactionManager transactions) {
        this.transactions = transactions;
        this.readOnly.setReadOnly(true);
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !"GET".equals(request.getMethod()) || !READS.matcher(request.getRequestURI()).matches();
    }

    /**
     * Ends the transaction by rolling it back: it wrote nothing, and a read that answered a problem
     * (a 404 marks the transaction rollback-only) must not fail again at commit after its answer went out.
     */
    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        TransactionStatus status = transactions.getTransaction(readOnly);
        try {
            chain.doFilter(request, response);
        } finally {
            transactions.rollback(status);
        }
    }
}
