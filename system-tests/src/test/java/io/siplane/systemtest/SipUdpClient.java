package io.siplane.systemtest;

import io.siplane.sip.message.SipMessage;
import io.siplane.sip.message.SipResponse;
import io.siplane.sip.parse.ParseResult;
import io.siplane.sip.parse.SipParser;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.util.Arrays;

/** A bare UDP SIP client on loopback for tests: send a message, wait (bounded) for the final response. */
final class SipUdpClient implements AutoCloseable {
    private final DatagramSocket socket;
    private final InetSocketAddress target;
    private final SipParser parser = new SipParser();

    SipUdpClient(InetSocketAddress target) throws IOException {
        this.socket = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0));
        this.socket.setSoTimeout(5_000);
        this.target = target;
    }

    int localPort() {
        return socket.getLocalPort();
    }

    /** Sends {@code request} and returns the first final response, skipping provisional ones. */
    SipResponse exchange(SipMessage request) throws IOException {
        byte[] bytes = request.toBytes();
        socket.send(new DatagramPacket(bytes, bytes.length, target));
        byte[] buf = new byte[65_535];
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (System.nanoTime() < deadline) {
            DatagramPacket p = new DatagramPacket(buf, buf.length);
            try {
                socket.receive(p);
            } catch (SocketTimeoutException e) {
                socket.send(new DatagramPacket(bytes, bytes.length, target)); // our own Timer E, coarse
                continue;
            }
            ParseResult r = parser.parseDatagram(Arrays.copyOf(p.getData(), p.getLength()));
            if (r instanceof ParseResult.Parsed parsed
                    && parsed.message() instanceof SipResponse resp
                    && resp.isFinal()) return resp;
        }
        throw new IOException("no final response from " + target);
    }

    @Override
    public void close() {
        socket.close();
    }
}
