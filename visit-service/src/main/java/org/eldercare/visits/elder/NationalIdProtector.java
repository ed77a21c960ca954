package org.eldercare.visits.elder;

import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

/**
 * Keeps national ID numbers unreadable at rest: AES-256-GCM with a fresh 12-byte nonce per value
 * (stored as base64 of nonce + ciphertext), and an HMAC-SHA256 under a separate key for finding and
 * de-duplicating elders without decrypting (a plain hash of an 18-digit number with a known structure
 * could be brute-forced).
 */
public final class NationalIdProtector {

    private static final SecureRandom RANDOM = new SecureRandom();
    private final SecretKeySpec encryptionKey;
    private final SecretKeySpec hashKey;

    public NationalIdProtector(byte[] encryptionKey, byte[] hashKey) {
        if (encryptionKey.length != 32) {
            throw new IllegalArgumentException("the national ID encryption key must be 32 bytes (AES-256)");
        }
        if (hashKey.length < 32) {
            throw new IllegalArgumentException("the national ID hash key must be at least 32 bytes");
        }
        this.encryptionKey = new SecretKeySpec(encryptionKey, "AES");
        this.hashKey = new SecretKeySpec(hashKey, "HmacSHA256");
    }

    public String encrypt(NationalId id) {
        try {
            byte[] nonce = new byte[12];
            RANDOM.nextBytes(nonce);
            Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
            c.init(Cipher.ENCRYPT_MODE, encryptionKey, new GCMParameterSpec(128, nonce));
            byte[] sealed = c.doFinal(id.value().getBytes(StandardCharsets.US_ASCII));
            byte[] out = new byte[nonce.length + sealed.length];
            System.arraycopy(nonce, 0, out, 0, nonce.length);
            System.arraycopy(sealed, 0, out, nonce.length, sealed.length);
            return Base64.getEncoder().encodeToString(out);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot encrypt a national ID", e);
        }
    }

    public NationalId decrypt(String stored) {
        try {
            byte[] in = Base64.getDecoder().decode(stored);
            Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
            c.init(Cipher.DECRYPT_MODE, encryptionKey, new GCMParameterSpec(128, in, 0, 12));
            byte[] plain = c.doFinal(in, 12, in.length - 12);
            return NationalId.parse(new String(plain, StandardCharsets.US_ASCII));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot decrypt a national ID: wrong key or tampered value", e);
        }
    }

    public String lookupHash(NationalId id) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(hashKey);
            return HexFormat.of().formatHex(mac.doFinal(id.value().getBytes(StandardCharsets.US_ASCII)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot hash a national ID", e);
        }
    }
}
