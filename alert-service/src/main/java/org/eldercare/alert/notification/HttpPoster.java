package org.eldercare.alert.notification;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eldercare.alert.AlertSettings;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;

/** Outbound HTTP POSTs (webhook, SMS gateway, visit-service) with the JDK client: non-blocking, timed out. */
@ApplicationScoped
public class HttpPoster {

    private final HttpClient client;
    private final AlertSettings settings;

    public HttpPoster(AlertSettings settings) {
        this.settings = settings;
        this.client = HttpClient.newBuilder().connectTimeout(settings.delivery().httpTimeout()).build();
    }

    public record Answer(int status, String body) {
        public boolean ok() {
            return status >= 200 && status < 300;
        }
    }

    public Uni<Answer> post(String url, String body, Map<String, String> headers) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).timeout(settings.delivery().httpTimeout())
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        headers.forEach(b::header);
        return Uni.createFrom().completionStage(() -> client.sendAsync(b.build(), HttpResponse.BodyHandlers.ofString()))
                .map(r -> new Answer(r.statusCode(), r.body()));
    }

    public Uni<Answer> get(String url, Map<String, String> headers) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).timeout(settings.delivery().httpTimeout()).GET();
        headers.forEach(b::header);
        return Uni.createFrom().completionStage(() -> client.sendAsync(b.build(), HttpResponse.BodyHandlers.ofString()))
                .map(r -> new Answer(r.statusCode(), r.body()));
    }
}
