package io.tollgate.engine.modules.checkin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tollgate.engine.Api;
import io.tollgate.engine.IntegrationTestSupport;
import io.tollgate.engine.ProjectDriver;
import org.junit.jupiter.api.Test;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Daily check-ins through HTTP: a one-tap check-in, one with a photo, the stand-up of the day, the
 * photo served as a safe download; HTML, SVG and oversized files refused; 404 while the module is off.
 */
class CheckinModuleIntegrationTests extends IntegrationTestSupport {

    static final HttpClient CLIENT = HttpClient.newHttpClient();

    @Test
    void peopleCheckInAndTheStandupShowsWhoDidAndWhoDidNot() throws Exception {
        Api admin = api().as("admin");
        String project = api().as("pm").post("/api/projects", ProjectDriver.itDeliveryProject("Site")).get("id").asText();
        String base = "/api/projects/" + project + "/checkins";

        admin.put("/api/modules/checkin", "application/json", "{\"enabled\": false}");
        Api.Answer off = api().as("alice").post(base, Map.of("note", "on site"));
        assertThat(off.status()).isEqualTo(404);
        assertThat(off.contentType()).contains("application/problem+json");
        assertThat(api().as("pm").get(base).status()).isEqualTo(404);
        admin.put("/api/modules/checkin", "application/json", "{\"enabled\": true}");

        // one tap: no note at all
        Api.Answer tap = api().as("bob").post(base, "{}");
        assertThat(tap.status()).isEqualTo(200);
        assertThat(tap.get("user").asText()).isEqualTo("bob");
        // again the same day: the same check-in, with a note now
        Api.Answer again = api().as("bob").post(base, Map.of("note", "Pouring the slab"));
        assertThat(again.get("id").asText()).isEqualTo(tap.get("id").asText());
        assertThat(again.get("note").asText()).isEqualTo("Pouring the slab");
        assertThat(api().as("bob").post(base, Map.of("note", "x".repeat(501))).status()).isEqualTo(400);

        // alice with a photo from her phone
        HttpResponse<String> photo = multipart(base, "alice", "Scaffold up on level 3", "site.png", "image/png", png());
        assertThat(photo.statusCode()).isEqualTo(200);
        JsonNode withPhoto = new ObjectMapper().readTree(photo.body());
        assertThat(withPhoto.at("/attachment/contentType").asText()).isEqualTo("image/png");
        assertThat(withPhoto.at("/attachment/filename").asText()).isEqualTo("site.png");

        // files a browser would run are refused, whatever they claim to be; so are oversized ones
        assertThat(multipart(base, "carol", "", "x.png", "image/png",
                "<svg xmlns='http://www.w3.org/2000/svg' onload='alert(1)'/>".getBytes(StandardCharsets.UTF_8)).statusCode())
                .isEqualTo(415);
        HttpResponse<String> html = multipart(base, "carol", "", "x.html", "text/html",
                "<html><script>alert(1)</script></html>".getBytes(StandardCharsets.UTF_8));
        assertThat(html.statusCode()).isEqualTo(415);
        assertThat(html.headers().firstValue("Content-Type").orElse("")).contains("application/problem+json");
        byte[] big = new byte[10 * 1024 * 1024 + 1024];
        System.arraycopy(png(), 0, big, 0, 8);
        assertThat(multipart(base, "carol", "", "big.png", "image/png", big).statusCode()).isEqualTo(413);

        // the stand-up: who checked in, first come first, and who of the project did not
        JsonNode standup = api().as("pm").get(base).json();
        assertThat(standup.get("checkins")).hasSize(2);
        assertThat(standup.at("/checkins/0/user").asText()).isEqualTo("bob");
        assertThat(standup.at("/checkins/1/note").asText()).isEqualTo("Scaffold up on level 3");
        assertThat(standup.get("missing").toString()).contains("carol").contains("pm").doesNotContain("alice");
        assertThat(standup.get("checkedIn").asBoolean()).isFalse();
        assertThat(api().as("alice").get(base).json().get("checkedIn").asBoolean()).isTrue();
        assertThat(api().as("pm").get(base + "?day=2020-01-01").json().get("checkins")).isEmpty();

        // the photo: a download with its checked type, never sniffed or run
        HttpResponse<byte[]> file = CLIENT.send(request(base + "/" + withPhoto.get("id").asText() + "/attachment", "carol")
                .GET().build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(file.statusCode()).isEqualTo(200);
        assertThat(file.headers().firstValue("Content-Type").orElse("")).isEqualTo("image/png");
        assertThat(file.headers().firstValue("Content-Disposition").orElse("")).startsWith("attachment");
        assertThat(file.headers().firstValue("X-Content-Type-Options").orElse("")).isEqualTo("nosniff");
        assertThat(file.headers().firstValue("Content-Security-Policy").orElse("")).contains("sandbox");
        assertThat(file.body()).isEqualTo(png());
        assertThat(api().as("pm").get(base + "/" + tap.get("id").asText() + "/attachment").status()).isEqualTo(404);
        assertThat(api().as("outsider").get(base + "/" + withPhoto.get("id").asText() + "/attachment").status())
                .isIn(401, 404);
    }

    HttpResponse<String> multipart(String path, String user, String note, String filename, String type, byte[] bytes)
            throws Exception {
        String boundary = "----tollgate" + System.nanoTime();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"note\"\r\n\r\n" + note + "\r\n")
                .getBytes(StandardCharsets.UTF_8));
        body.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + filename
                + "\"\r\nContent-Type: " + type + "\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        body.write(bytes);
        body.write(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return CLIENT.send(request(path, user).header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())).build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpRequest.Builder request(String path, String user) {
        return HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).header("Authorization",
                "Basic " + Base64.getEncoder().encodeToString((user + ":" + user).getBytes(StandardCharsets.UTF_8)));
    }

    static byte[] png() throws Exception {
        BufferedImage image = new BufferedImage(4, 4, BufferedImage.TYPE_INT_RGB);
        image.setRGB(1, 1, 0x2266aa);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(image, "png", out);
        return out.toByteArray();
    }
}
