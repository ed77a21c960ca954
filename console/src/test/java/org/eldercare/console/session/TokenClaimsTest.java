package org.eldercare.console.session;

import org.eldercare.devtokens.DevTokens;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TokenClaimsTest {

    @Test
    void readsSubjectRolesAndStation() {
        String token = DevTokens.mint("op-1", Map.of("station_id", "ST-9"), Duration.ofHours(1), "operator");
        ConsoleUser u = TokenClaims.read(token).orElseThrow();
        assertEquals("op-1", u.subject());
        assertEquals(Set.of(Role.OPERATOR), u.roles());
        assertEquals("ST-9", u.stationId());
        assertEquals("Bearer " + token, u.authorization());
        assertFalse(u.expired(Instant.now()));
        assertTrue(u.expired(Instant.now().plus(Duration.ofHours(2))));
    }

    @Test
    void rolesWithoutConsolePagesGiveNoPages() {
        ConsoleUser u = TokenClaims.read(DevTokens.mint("f-1", "family", "visitor")).orElseThrow();
        assertTrue(u.roles().isEmpty());
        assertNull(u.primaryRole());
        assertNull(u.stationId());
    }

    @Test
    void anUnreadableTokenIsNobody() {
        assertTrue(TokenClaims.read("nonsense").isEmpty());
        assertTrue(TokenClaims.read("a.!!!.c").isEmpty());
        assertTrue(TokenClaims.read(null).isEmpty());
    }
}
