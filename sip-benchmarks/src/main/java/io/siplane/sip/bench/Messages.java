package io.siplane.sip.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** The benchmark inputs: wire-exact SIP messages kept as resources (see {@code resources/README.md}). */
final class Messages {
    /** RFC 3261 §24.2 F1, Alice's INVITE, with a real SDP body. */
    static final String INVITE_F1 = "/invite-24.2-F1.sip";

    /** RFC 3261 §24.2 F9, Bob's 200 OK, with a Record-Route field and a real SDP body. */
    static final String OK_F9 = "/ok-24.2-F9.sip";

    private Messages() {}

    static byte[] load(String resource) {
        try (InputStream in = Messages.class.getResourceAsStream(resource)) {
            if (in == null) throw new IllegalStateException("missing resource " + resource);
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
