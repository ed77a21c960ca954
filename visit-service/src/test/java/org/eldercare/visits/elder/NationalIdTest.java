package org.eldercare.visits.elder;

import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.Base64;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class NationalIdTest {

    /** The GB 11643 worked example. */
    @Test
    void acceptsAValidNumberAndMasksIt() {
        NationalId id = NationalId.parse("11010519491231002X");
        assertEquals(LocalDate.of(1949, 12, 31), id.birthDate());
        assertEquals("110105********002X", id.masked());
        assertEquals("110105********002X", id.toString());
    }

    @Test
    void lowerCaseXIsAccepted() {
        assertEquals("11010519491231002X", NationalId.parse(" 11010519491231002x ").value());
    }

    @Test
    void refusesAWrongCheckCharacter() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> NationalId.parse("110105194912310021"));
        assertEquals("national ID check character is wrong (GB 11643)", e.getMessage());
    }

    @Test
    void refusesWrongLengthLettersAndImpossibleDates() {
        assertThrows(IllegalArgumentException.class, () -> NationalId.parse("11010519491231002"));
        assertThrows(IllegalArgumentException.class, () -> NationalId.parse("1101051949123100A2"));
        assertThrows(IllegalArgumentException.class, () -> NationalId.parse(null));
        String feb30 = "11010519490230002";
        assertThrows(IllegalArgumentException.class, () -> NationalId.parse(feb30 + NationalId.checkCharacter(feb30)));
    }

    @Test
    void protectorRoundTripsAndHashesStably() {
        NationalIdProtector p = new NationalIdProtector(new byte[32], Base64.getDecoder().decode(
                "ZGV2LW9ubHktbmF0aW9uYWwtaWQtbG9va3VwLWhtYWMta2V5LTEyMzQ="));
        NationalId id = NationalId.parse("11010519491231002X");
        String a = p.encrypt(id);
        String b = p.encrypt(id);
        assertNotEquals(a, b, "a fresh nonce per value");
        assertEquals(id.value(), p.decrypt(a).value());
        assertEquals(p.lookupHash(id), p.lookupHash(NationalId.parse("11010519491231002X")));
        NationalIdProtector other = new NationalIdProtector(new byte[32], new byte[32]);
        assertNotEquals(p.lookupHash(id), other.lookupHash(id), "the hash is keyed");
        assertThrows(IllegalStateException.class, () -> new NationalIdProtector(new byte[]{1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16,
                17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31, 32}, new byte[32]).decrypt(a));
        assertThrows(IllegalArgumentException.class, () -> new NationalIdProtector(new byte[16], new byte[32]));
    }
}
