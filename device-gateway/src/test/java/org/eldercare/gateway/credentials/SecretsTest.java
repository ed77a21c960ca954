package org.eldercare.gateway.credentials;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.*;

class SecretsTest {

    @Test
    void secretsAreLongRandomAndOnlyTheirSaltedHashIsKept() {
        String a = Secrets.generate(), b = Secrets.generate();
        assertEquals(43, a.length());
        assertNotEquals(a, b);
        String h1 = Secrets.hash(a), h2 = Secrets.hash(a);
        assertNotEquals(h1, h2, "salted");
        assertFalse(h1.contains(a));
        assertTrue(Secrets.matches(a, h1));
        assertTrue(Secrets.matches(a, h2));
        assertFalse(Secrets.matches(b, h1));
        assertFalse(Secrets.matches(a, "garbage"));
    }
}
