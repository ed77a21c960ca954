package org.eldercare.alert.notification;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.*;

class DeliveryRulesTest {

    @Test
    void backoffDoublesUpToTheCapThenGivesUp() {
        RetryBackoff b = new RetryBackoff(Duration.ofSeconds(2), Duration.ofSeconds(10), 5);
        assertEquals(Duration.ofSeconds(2), b.after(1));
        assertEquals(Duration.ofSeconds(4), b.after(2));
        assertEquals(Duration.ofSeconds(8), b.after(3));
        assertEquals(Duration.ofSeconds(10), b.after(4));
        assertNull(b.after(5));
    }

    @Test
    void signatureIsHmacSha256OfTheBody() {
        // RFC 4231 test case 2
        assertEquals("sha256=5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843",
                WebhookSignature.sign("Jefe", "what do ya want for nothing?".getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void smsTemplateStaysValidJson() {
        assertEquals("{\"to\":\"138\",\"text\":\"Fall: \\\"Wang\\\"\\nline\"}",
                SmsChannel.render("{\"to\":\"{phone}\",\"text\":\"{text}\"}", "138", "Fall: \"Wang\"\nline"));
    }
}
