package io.tollgate.engine.reliability;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.AppenderBase;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * The warnings and errors the server in this JVM logs, with their stack traces, so that a failing
 * request can be shown with what the server said about it.
 */
final class ServerLog extends AppenderBase<ILoggingEvent> implements AutoCloseable {

    private final ConcurrentLinkedQueue<String> lines = new ConcurrentLinkedQueue<>();
    private final Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);

    ServerLog() {
        setName("reliability-server-log");
        setContext(root.getLoggerContext());
        start();
        root.addAppender(this);
    }

    @Override
    protected void append(ILoggingEvent event) {
        if (!event.getLevel().isGreaterOrEqual(Level.WARN)) {
            return;
        }
        StringBuilder out = new StringBuilder().append(event.getLevel()).append(' ').append(event.getThreadName()).append(' ')
                .append(event.getLoggerName()).append(": ").append(event.getFormattedMessage());
        if (event.getThrowableProxy() != null) {
            out.append('\n').append(shortTrace(ThrowableProxyUtil.asString(event.getThrowableProxy())));
        }
        lines.add(out.toString());
    }

    /**
     * The stack trace without the frames of the servlet container, Spring's dispatching and the
     * filter chain: the first frames, every Tollgate frame and every cause.
     */
    static String shortTrace(String trace) {
        StringBuilder out = new StringBuilder();
        int frames = 0;
        int skipped = 0;
        for (String line : trace.split("\n")) {
            String t = line.trim();
            boolean frame = t.startsWith("at ");
            if (!frame) {
                frames = 0;
            }
            if (!frame || frames++ < 6 || t.contains("io.tollgate.")) {
                if (skipped > 0) {
                    out.append("    ... ").append(skipped).append(" frames\n");
                    skipped = 0;
                }
                out.append(line).append('\n');
            } else {
                skipped++;
            }
        }
        if (skipped > 0) {
            out.append("    ... ").append(skipped).append(" frames\n");
        }
        return out.toString();
    }

    /** What was logged since the last call. */
    List<String> drain() {
        List<String> out = new ArrayList<>();
        for (String line; (line = lines.poll()) != null; ) {
            out.add(line);
        }
        return out;
    }

    @Override
    public void close() {
        root.detachAppender(this);
        stop();
    }
}
