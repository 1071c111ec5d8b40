package io.tollgate.engine.security;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.tollgate.engine.IntegrationTestSupport;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.interfaces.RSAPrivateKey;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;

import static org.assertj.core.api.Assertions.assertThat;

/** A bearer token signed by the configured issuer's key signs in the Tollgate user it names. */
class BearerTokenIntegrationTests extends IntegrationTestSupport {

    private static final KeyPair ISSUER = keys();
    private static final KeyPair STRANGER = keys();

    @DynamicPropertySource
    static void issuerKey(DynamicPropertyRegistry registry) throws IOException {
        Path pem = Files.createTempFile("tollgate-issuer", ".pem");
        pem.toFile().deleteOnExit();
        Files.writeString(pem, "-----BEGIN PUBLIC KEY-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(ISSUER.getPublic().getEncoded())
                + "\n-----END PUBLIC KEY-----\n");
        registry.add("spring.security.oauth2.resourceserver.jwt.public-key-location", () -> pem.toUri().toString());
    }

    @Test
    void aTokenFromTheIssuerActsAsItsUserAndAnyOtherTokenIsRefused() throws Exception {
        HttpResponse<String> inbox = get("/api/tasks", token(ISSUER, "alice", Instant.now().plusSeconds(300)));
        assertThat(inbox.statusCode()).as(inbox.body()).isEqualTo(200);
        HttpResponse<String> admin = get("/api/users", token(ISSUER, "alice", Instant.now().plusSeconds(300)));
        assertThat(admin.statusCode()).as("roles are Tollgate's, not the token's").isEqualTo(403);

        assertThat(get("/api/tasks", token(STRANGER, "alice", Instant.now().plusSeconds(300))).statusCode())
                .as("signed by another key").isEqualTo(401);
        assertThat(get("/api/tasks", token(ISSUER, "alice", Instant.now().minusSeconds(600))).statusCode())
                .as("expired").isEqualTo(401);
        HttpResponse<String> nobody = get("/api/tasks", token(ISSUER, "nobody-here", Instant.now().plusSeconds(300)));
        assertThat(nobody.statusCode()).isEqualTo(401);
        assertThat(nobody.headers().firstValue("Content-Type").orElse("")).contains("application/problem+json");
        assertThat(get("/api/tasks", "not.a.token").statusCode()).isEqualTo(401);
    }

    private HttpResponse<String> get(String path, String bearer) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Authorization", "Bearer " + bearer).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String token(KeyPair key, String user, Instant expires) throws Exception {
        SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.RS256), new JWTClaimsSet.Builder()
                .subject("id-" + user).claim("preferred_username", user).issueTime(new Date())
                .expirationTime(Date.from(expires)).build());
        jwt.sign(new RSASSASigner((RSAPrivateKey) key.getPrivate()));
        return jwt.serialize();
    }

    private static KeyPair keys() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        } catch (NoSuchAlgorithmException e) {
            throw new UncheckedIOException(new IOException(e));
        }
    }
}
