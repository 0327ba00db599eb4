package io.siplane.edge.proxy;

import io.siplane.sip.message.SipMessage;
import io.siplane.sip.parse.ParseResult;
import io.siplane.sip.parse.SipParser;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.nio.charset.StandardCharsets;

/** Raw SIP on plain JDK sockets: the client side of the edge tests. */
final class Wire {
    private Wire() {}

    static byte[] bytes(String text) {
        return text.replace("\n", "\r\n").getBytes(StandardCharsets.UTF_8);
    }

    static SipMessage parse(byte[] b, int len) {
        ParseResult r = new SipParser().parse(b, 0, len, SipParser.Framing.DATAGRAM);
        if (r instanceof ParseResult.Parsed p) return p.message();
        throw new AssertionError("not a SIP message: " + r + "\n" + new String(b, 0, len, StandardCharsets.UTF_8));
    }

    /** Receives one datagram, waiting at most 5 s (a socket timeout, not a sleep). */
    static SipMessage receive(DatagramSocket socket) throws IOException {
        socket.setSoTimeout(5000);
        byte[] buf = new byte[65535];
        DatagramPacket p = new DatagramPacket(buf, buf.length);
        socket.receive(p);
        return parse(buf, p.getLength());
    }

    /** Reads one message framed by Content-Length (at most 64 KiB of header; the socket has a timeout). */
    static SipMessage read(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int matched = 0;
        while (matched < 4 && head.size() < 65536) {
            int c = in.read();
            if (c < 0) throw new IOException("stream closed after " + head.size() + " bytes");
            head.write(c);
            matched = (c == '\r' && (matched == 0 || matched == 2)) || (c == '\n' && (matched == 1 || matched == 3))
                    ? matched + 1
                    : 0;
        }
        String h = head.toString(StandardCharsets.UTF_8);
        int length = 0;
        for (String line : h.split("\r\n")) {
            String lower = line.toLowerCase();
            if (lower.startsWith("content-length:") || lower.startsWith("l:"))
                length = Integer.parseInt(line.substring(line.indexOf(':') + 1).trim());
        }
        byte[] all = new byte[head.size() + length];
        System.arraycopy(head.toByteArray(), 0, all, 0, head.size());
        int off = head.size();
        while (off < all.length) {
            int n = in.read(all, off, all.length - off);
            if (n < 0) throw new IOException("stream closed inside the body");
            off += n;
        }
        return parse(all, all.length);
    }
}
