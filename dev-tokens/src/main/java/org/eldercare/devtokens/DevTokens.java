package org.eldercare.devtokens;

import io.smallrye.jwt.build.Jwt;
import io.smallrye.jwt.build.JwtClaimsBuilder;
import io.smallrye.jwt.util.KeyUtils;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * Mints bearer tokens signed with the development key, for local runs, simulators and tests.
 * The services verify them with the matching public key shipped in {@code platform-web}; in
 * production they are configured with the OIDC provider's key instead and these tokens are refused.
 */
public final class DevTokens {

    public static final String ISSUER = "eldercare-dev";
    private static final PrivateKey KEY = loadKey();

    private DevTokens() {
    }

    /** A token for {@code subject} holding {@code roles}, valid for 12 hours. */
    public static String mint(String subject, String... roles) {
        return mint(subject, Map.of(), Duration.ofHours(12), roles);
    }

    /** A station operator's token: the station travels in the {@code station_id} claim. */
    public static String operator(String subject, String stationId) {
        return mint(subject, Map.of("station_id", stationId), Duration.ofHours(12), "operator");
    }

    public static String mint(String subject, Map<String, Object> claims, Duration lifetime, String... roles) {
        JwtClaimsBuilder builder = Jwt.issuer(ISSUER)
                .subject(subject)
                .upn(subject)
                .groups(new HashSet<>(Arrays.asList(roles)))
                .expiresIn(lifetime);
        claims.forEach(builder::claim);
        return builder.jws().keyId("eldercare-dev-1").sign(KEY);
    }

    /** A token that has already expired, for tests of refusal. */
    public static String expired(String subject, String... roles) {
        return Jwt.issuer(ISSUER).subject(subject).upn(subject).groups(Set.of(roles))
                .issuedAt(System.currentTimeMillis() / 1000 - 7200)
                .expiresAt(System.currentTimeMillis() / 1000 - 3600)
                .jws().keyId("eldercare-dev-1").sign(KEY);
    }

    private static PrivateKey loadKey() {
        try (InputStream in = DevTokens.class.getResourceAsStream("/eldercare/dev-jwt-private.pem")) {
            if (in == null) {
                throw new IllegalStateException("development signing key missing from the classpath");
            }
            return KeyUtils.decodePrivateKey(new String(in.readAllBytes(), StandardCharsets.US_ASCII));
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("cannot read the development signing key", e);
        }
    }

    /**
     * Command line: {@code DevTokens <subject> <role>[,<role>...] [station_id]} prints a token.
     */
    public static void main(String[] args) {
        if (args.length < 2) {
            System.err.println("usage: mint-token <subject> <role>[,<role>...] [station-id]");
            System.err.println("roles: bureau, operator, visitor, family, device-admin, service");
            System.exit(2);
        }
        String[] roles = args[1].split(",");
        Map<String, Object> claims = args.length > 2 ? Map.of("station_id", args[2]) : Map.of();
        System.out.println(mint(args[0], claims, Duration.ofHours(12), roles));
    }
}
