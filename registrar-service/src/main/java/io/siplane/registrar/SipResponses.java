package io.siplane.registrar;

import io.siplane.sip.message.SipRequest;
import io.siplane.sip.message.SipResponse;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;

/** Building blocks for the registrar's responses. */
public final class SipResponses {

    /** RFC 3261 §20.17 / RFC 1123 date in GMT with a two-digit day, e.g. {@code Sat, 13 Nov 2010 23:29:00 GMT}. */
    private static final DateTimeFormatter SIP_DATE = DateTimeFormatter.ofPattern(
                    "EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.ENGLISH)
            .withZone(ZoneOffset.UTC);

    private SipResponses() {}

    /**
     * A response to {@code request} with a To tag (RFC 3261 §8.2.6.2: a UAS adds one when the request had
     * none) and, when given, a specific reason phrase.
     */
    public static SipResponse.Builder to(SipRequest request, int status, String reason) {
        SipResponse.Builder b = SipResponse.forRequest(request, status);
        if (request.to().tag() == null) {
            b.toTag(newTag());
        }
        if (reason != null) {
            b.reason(reason);
        }
        return b;
    }

    /** {@link #to(SipRequest, int, String)} with the standard reason phrase. */
    public static SipResponse.Builder to(SipRequest request, int status) {
        return to(request, status, null);
    }

    /** A Date header value. */
    public static String date(long epochMillis) {
        return SIP_DATE.format(Instant.ofEpochMilli(epochMillis));
    }

    private static String newTag() {
        byte[] b = new byte[6];
        ThreadLocalRandom.current().nextBytes(b);
        return HexFormat.of().formatHex(b);
    }
}
