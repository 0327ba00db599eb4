package io.siplane.sip.message;

/** Standard reason phrases (RFC 3261 §21 and the extension RFCs that define codes). */
public final class StatusCodes {
    public static final int TRYING = 100;
    public static final int RINGING = 180;
    public static final int SESSION_PROGRESS = 183;
    public static final int OK = 200;
    public static final int ACCEPTED = 202;
    public static final int MOVED_TEMPORARILY = 302;
    public static final int BAD_REQUEST = 400;
    public static final int UNAUTHORIZED = 401;
    public static final int FORBIDDEN = 403;
    public static final int NOT_FOUND = 404;
    public static final int METHOD_NOT_ALLOWED = 405;
    public static final int PROXY_AUTHENTICATION_REQUIRED = 407;
    public static final int REQUEST_TIMEOUT = 408;
    public static final int UNSUPPORTED_MEDIA_TYPE = 415;
    public static final int UNSUPPORTED_URI_SCHEME = 416;
    public static final int BAD_EXTENSION = 420;
    public static final int INTERVAL_TOO_BRIEF = 423;
    public static final int TEMPORARILY_UNAVAILABLE = 480;
    public static final int CALL_DOES_NOT_EXIST = 481;
    public static final int LOOP_DETECTED = 482;
    public static final int TOO_MANY_HOPS = 483;
    public static final int BUSY_HERE = 486;
    public static final int REQUEST_TERMINATED = 487;
    public static final int NOT_ACCEPTABLE_HERE = 488;
    public static final int REQUEST_PENDING = 491;
    public static final int SERVER_INTERNAL_ERROR = 500;
    public static final int NOT_IMPLEMENTED = 501;
    public static final int SERVICE_UNAVAILABLE = 503;
    public static final int SERVER_TIMEOUT = 504;
    public static final int VERSION_NOT_SUPPORTED = 505;
    public static final int MESSAGE_TOO_LARGE = 513;
    public static final int DECLINE = 603;

    private static final String[] PHRASES = new String[700];

    static {
        p(100, "Trying");
        p(180, "Ringing");
        p(181, "Call Is Being Forwarded");
        p(182, "Queued");
        p(183, "Session Progress");
        p(199, "Early Dialog Terminated");
        p(200, "OK");
        p(202, "Accepted");
        p(204, "No Notification");
        p(300, "Multiple Choices");
        p(301, "Moved Permanently");
        p(302, "Moved Temporarily");
        p(305, "Use Proxy");
        p(380, "Alternative Service");
        p(400, "Bad Request");
        p(401, "Unauthorized");
        p(402, "Payment Required");
        p(403, "Forbidden");
        p(404, "Not Found");
        p(405, "Method Not Allowed");
        p(406, "Not Acceptable");
        p(407, "Proxy Authentication Required");
        p(408, "Request Timeout");
        p(410, "Gone");
        p(412, "Conditional Request Failed");
        p(413, "Request Entity Too Large");
        p(414, "Request-URI Too Long");
        p(415, "Unsupported Media Type");
        p(416, "Unsupported URI Scheme");
        p(417, "Unknown Resource-Priority");
        p(420, "Bad Extension");
        p(421, "Extension Required");
        p(422, "Session Interval Too Small");
        p(423, "Interval Too Brief");
        p(428, "Use Identity Header");
        p(429, "Provide Referrer Identity");
        p(430, "Flow Failed");
        p(433, "Anonymity Disallowed");
        p(436, "Bad Identity-Info");
        p(437, "Unsupported Certificate");
        p(438, "Invalid Identity Header");
        p(439, "First Hop Lacks Outbound Support");
        p(440, "Max-Breadth Exceeded");
        p(469, "Bad Info Package");
        p(470, "Consent Needed");
        p(480, "Temporarily Unavailable");
        p(481, "Call/Transaction Does Not Exist");
        p(482, "Loop Detected");
        p(483, "Too Many Hops");
        p(484, "Address Incomplete");
        p(485, "Ambiguous");
        p(486, "Busy Here");
        p(487, "Request Terminated");
        p(488, "Not Acceptable Here");
        p(489, "Bad Event");
        p(491, "Request Pending");
        p(493, "Undecipherable");
        p(494, "Security Agreement Required");
        p(500, "Server Internal Error");
        p(501, "Not Implemented");
        p(502, "Bad Gateway");
        p(503, "Service Unavailable");
        p(504, "Server Time-out");
        p(505, "Version Not Supported");
        p(513, "Message Too Large");
        p(555, "Push Notification Service Not Supported");
        p(580, "Precondition Failure");
        p(600, "Busy Everywhere");
        p(603, "Decline");
        p(604, "Does Not Exist Anywhere");
        p(606, "Not Acceptable");
        p(607, "Unwanted");
        p(608, "Rejected");
    }

    private StatusCodes() {}

    private static void p(int code, String phrase) {
        PHRASES[code] = phrase;
    }

    /** The standard phrase for {@code code}, or a generic one for its class (RFC 3261 §21: x00 semantics). */
    public static String reasonPhrase(int code) {
        if (code < 100 || code > 699) throw new IllegalArgumentException("status code out of range: " + code);
        String p = PHRASES[code];
        return p != null ? p : PHRASES[code / 100 * 100] != null ? PHRASES[code / 100 * 100] : "Unknown";
    }

    /** True when {@code code} has a phrase of its own in the list above. */
    public static boolean isStandard(int code) {
        return code >= 100 && code <= 699 && PHRASES[code] != null;
    }
}
