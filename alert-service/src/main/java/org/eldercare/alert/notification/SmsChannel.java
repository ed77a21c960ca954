package org.eldercare.alert.notification;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eldercare.alert.AlertSettings;

import java.util.HashMap;
import java.util.Map;

/** Text messages through an HTTP SMS gateway whose body is a configurable JSON template. */
@ApplicationScoped
public class SmsChannel implements OutboundChannel {

    private final HttpPoster http;
    private final AlertSettings settings;
    private final ObjectMapper json;

    public SmsChannel(HttpPoster http, AlertSettings settings, ObjectMapper json) {
        this.http = http;
        this.settings = settings;
        this.json = json;
    }

    @Override
    public String name() {
        return "SMS";
    }

    @Override
    public Uni<String> send(PendingNotification n) {
        String url = settings.sms().url().orElse(null);
        if (url == null) {
            return Uni.createFrom().failure(new IllegalStateException("no SMS gateway configured (eldercare.alert.sms.url)"));
        }
        String body = render(settings.sms().template(), n.address(), text(n.payload()));
        Map<String, String> headers = new HashMap<>();
        settings.sms().authorization().ifPresent(a -> headers.put("Authorization", a));
        return http.post(url, body, headers).map(a -> {
            if (!a.ok()) {
                throw new IllegalStateException("SMS gateway answered HTTP " + a.status());
            }
            return "HTTP " + a.status();
        });
    }

    String text(String payload) {
        try {
            JsonNode n = json.readTree(payload);
            return n.path("title").asText("") + ": " + n.path("body").asText("");
        } catch (Exception e) {
            return payload;
        }
    }

    /** Substitutes {phone} and {text}, JSON-escaped, so the template stays valid JSON. */
    static String render(String template, String phone, String text) {
        return template.replace("{phone}", escape(phone)).replace("{text}", escape(text));
    }

    static String escape(String s) {
        StringBuilder b = new StringBuilder();
        for (char ch : s.toCharArray()) {
            switch (ch) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                default -> {
                    if (ch < 0x20) {
                        b.append(String.format("\\u%04x", (int) ch));
                    } else {
                        b.append(ch);
                    }
                }
            }
        }
        return b.toString();
    }
}
