package io.siplane.registrar.rest;

import io.siplane.registrar.config.RegistrarConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Optional;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Protects {@code /v1}: a bearer token ({@code registrar.admin.token}) or HTTP Basic ({@code
 * registrar.admin.basic-username}/{@code basic-password}). With neither configured every request is refused:
 * the API fails closed. Secrets are compared in constant time (as SHA-256 digests, so their lengths leak
 * nothing either) and never logged.
 */
@ApplicationScoped // created on first use, after the runtime config mapping exists (quarkus#18333)
public class AdminAuthFilter {

    @Inject
    RegistrarConfig config;

    @ServerRequestFilter
    public Optional<Response> authenticate(ContainerRequestContext request) {
        if (!request.getUriInfo().getPath().startsWith("/v1")) {
            return Optional.empty();
        }
        String header = request.getHeaderString(HttpHeaders.AUTHORIZATION);
        if (header != null && authorised(header.strip())) {
            return Optional.empty();
        }
        return Optional.of(Response.status(401)
                .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"siplane-admin\"")
                .type("application/json")
                .entity(new ApiError("authentication required", 401))
                .build());
    }

    private boolean authorised(String header) {
        RegistrarConfig.Admin admin = config.admin();
        if (header.regionMatches(true, 0, "Bearer ", 0, 7) && admin.token().isPresent()) {
            return constantTimeEquals(header.substring(7).strip(), admin.token().get());
        }
        if (header.regionMatches(true, 0, "Basic ", 0, 6)
                && admin.basicUsername().isPresent()
                && admin.basicPassword().isPresent()) {
            String expected =
                    admin.basicUsername().get() + ":" + admin.basicPassword().get();
            String given;
            try {
                given = new String(
                        Base64.getDecoder().decode(header.substring(6).strip()), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                return false;
            }
            return constantTimeEquals(given, expected);
        }
        return false;
    }

    static boolean constantTimeEquals(String a, String b) {
        return MessageDigest.isEqual(sha256(a), sha256(b));
    }

    private static byte[] sha256(String s) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
