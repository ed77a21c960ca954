package org.eldercare.console.session;

import org.junit.jupiter.api.Test;

import java.util.Base64;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SessionSealTest {

    private final SessionSeal seal = new SessionSeal("a secret of the deployment");

    @Test
    void opensWhatItSealed() {
        String sealed = seal.seal("header.payload.signature");
        assertEquals("header.payload.signature", seal.open(sealed).orElseThrow());
        assertFalse(sealed.contains("payload"), "the token is not readable in the cookie");
    }

    @Test
    void sealsTheSameTextDifferentlyEachTime() {
        assertNotEquals(seal.seal("x"), seal.seal("x"));
    }

    @Test
    void refusesAChangedCookie() {
        byte[] raw = Base64.getUrlDecoder().decode(seal.seal("header.payload.signature"));
        raw[raw.length - 1] ^= 1;
        assertTrue(seal.open(Base64.getUrlEncoder().withoutPadding().encodeToString(raw)).isEmpty());
    }

    @Test
    void refusesACookieSealedWithAnotherKey() {
        assertTrue(new SessionSeal("another secret").open(seal.seal("t")).isEmpty());
    }

    @Test
    void refusesGarbage() {
        assertTrue(seal.open("not base64 !").isEmpty());
        assertTrue(seal.open("").isEmpty());
        assertTrue(seal.open(null).isEmpty());
        assertTrue(seal.open("AAAA").isEmpty());
    }
}
