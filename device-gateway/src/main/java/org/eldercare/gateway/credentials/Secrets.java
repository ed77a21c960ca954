package org.eldercare.gateway.credentials;

import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * Device secrets and app passwords: 256 random bits, shown once, kept only as a salted
 * PBKDF2-HMAC-SHA256 hash. The broker keeps its own hash to authenticate connections; ours lets an
 * operator check a secret a device presents without the platform ever holding it.
 */
public final class Secrets {

    private static final SecureRandom RANDOM = new SecureRandom();
    // The secrets are random 256-bit values, so the work factor only has to make the hash one-way,
    // not slow down a dictionary attack; a modest count keeps bulk imports of thousands quick.
    private static final int ITERATIONS = 10_000;
    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder B64D = Base64.getUrlDecoder();

    private Secrets() {
    }

    public static String generate() {
        byte[] b = new byte[32];
        RANDOM.nextBytes(b);
        return B64.encodeToString(b);
    }

    public static String hash(String secret) {
        byte[] salt = new byte[16];
        RANDOM.nextBytes(salt);
        return "pbkdf2-sha256$" + ITERATIONS + "$" + B64.encodeToString(salt) + "$"
                + B64.encodeToString(derive(secret, salt, ITERATIONS));
    }

    public static boolean matches(String secret, String stored) {
        String[] p = stored.split("\\$");
        if (p.length != 4 || !p[0].equals("pbkdf2-sha256")) {
            return false;
        }
        byte[] expected = B64D.decode(p[3]);
        return MessageDigest.isEqual(expected, derive(secret, B64D.decode(p[2]), Integer.parseInt(p[1])));
    }

    private static byte[] derive(String secret, byte[] salt, int iterations) {
        try {
            PBEKeySpec spec = new PBEKeySpec(secret.toCharArray(), salt, iterations, 256);
            return SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(spec).getEncoded();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("PBKDF2WithHmacSHA256 unavailable", e);
        }
    }
}
