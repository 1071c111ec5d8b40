package io.tollgate.engine.support;

import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import org.springframework.web.util.WebUtils;

import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * A request whose body has been read, at most up to a limit, so filters can look at it (control
 * characters, the idempotency fingerprint) and the controller still reads it in full.
 */
final class CachedBodyRequest extends HttpServletRequestWrapper {

    /** The body is over the limit; nothing was kept. */
    static final class TooLarge extends Exception {
        TooLarge() {
            super(null, null, false, false);
        }
    }

    private final byte[] body;

    private CachedBodyRequest(HttpServletRequest request, byte[] body) {
        super(request);
        this.body = body;
    }

    /**
     * The request with its body read: the one a filter before us made, or a new one. Form and
     * multipart bodies are left to the container, which parses them itself; they count as empty.
     */
    static CachedBodyRequest of(HttpServletRequest request, long limit) throws IOException, TooLarge {
        CachedBodyRequest cached = WebUtils.getNativeRequest(request, CachedBodyRequest.class);
        if (cached != null) {
            return cached;
        }
        if (!hasBody(request) || parsedByContainer(request)) {
            return new CachedBodyRequest(request, new byte[0]);
        }
        if (request.getContentLengthLong() > limit) {
            throw new TooLarge();
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream((int) Math.max(0, Math.min(limit, request.getContentLengthLong())));
        byte[] buffer = new byte[8192];
        long total = 0;
        InputStream in = request.getInputStream();
        for (int n; (n = in.read(buffer)) > 0; ) {
            total += n;
            if (total > limit) {
                throw new TooLarge();
            }
            out.write(buffer, 0, n);
        }
        return new CachedBodyRequest(request, out.toByteArray());
    }

    static boolean hasBody(HttpServletRequest request) {
        return request.getContentLengthLong() > 0 || request.getHeader("Transfer-Encoding") != null;
    }

    /** Form and multipart bodies, which Tomcat reads for request parameters and parts. */
    static boolean parsedByContainer(HttpServletRequest request) {
        String type = request.getContentType();
        if (type == null) {
            return false;
        }
        String lower = type.toLowerCase(Locale.ROOT);
        return lower.startsWith("application/x-www-form-urlencoded") || lower.startsWith("multipart/");
    }

    byte[] body() {
        return body;
    }

    @Override
    public ServletInputStream getInputStream() {
        ByteArrayInputStream in = new ByteArrayInputStream(body);
        return new ServletInputStream() {
            @Override
            public int read() {
                return in.read();
            }

            @Override
            public int read(byte[] b, int off, int len) {
                return in.read(b, off, len);
            }

            @Override
            public boolean isFinished() {
                return in.available() == 0;
            }

            @Override
            public boolean isReady() {
                return true;
            }

            @Override
            public void setReadListener(ReadListener listener) {
                throw new UnsupportedOperationException("The body has been read already");
            }
        };
    }

    @Override
    public BufferedReader getReader() {
        String encoding = getCharacterEncoding();
        Charset charset = StandardCharsets.UTF_8;
        try {
            charset = encoding == null ? charset : Charset.forName(encoding);
        } catch (IllegalArgumentException unknown) {
            // Spring's converters read the stream and would refuse the media type; the reader stays UTF-8
        }
        return new BufferedReader(new InputStreamReader(getInputStream(), charset));
    }
}
