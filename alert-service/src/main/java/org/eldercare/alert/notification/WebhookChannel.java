package org.eldercare.alert.notification;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eldercare.alert.AlertSettings;

import java.nio.charset.StandardCharsets;
import java.util.Map;

/** The district emergency channel: the Notification JSON POSTed to a URL, signed with HMAC-SHA256. */
@ApplicationScoped
public class WebhookChannel implements OutboundChannel {

    private final HttpPoster http;
    private final AlertSettings settings;

    public WebhookChannel(HttpPoster http, AlertSettings settings) {
        this.http = http;
        this.settings = settings;
    }

    @Override
    public String name() {
        return "WEBHOOK";
    }

    @Override
    public Uni<String> send(PendingNotification n) {
        String url = settings.webhook().url().orElse(null);
        if (url == null) {
            return Uni.createFrom().failure(new IllegalStateException("no webhook URL configured (eldercare.alert.webhook.url)"));
        }
        byte[] body = n.payload().getBytes(StandardCharsets.UTF_8);
        return http.post(url, n.payload(), Map.of(
                        WebhookSignature.HEADER, WebhookSignature.sign(settings.webhook().secret(), body),
                        "X-Eldercare-Notification-Id", n.id().toString()))
                .map(a -> {
                    if (!a.ok()) {
                        throw new IllegalStateException("webhook answered HTTP " + a.status());
                    }
                    return "HTTP " + a.status();
                });
    }
}
