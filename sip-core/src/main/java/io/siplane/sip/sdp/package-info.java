/**
 * Session Description Protocol for a B2BUA that relays, answers and filters SDP.
 *
 * <ul>
 *   <li>An immutable model with builders: {@link io.siplane.sip.sdp.SessionDescription} and its
 *       {@link io.siplane.sip.sdp.MediaDescription}s (RFC 8866 §5).
 *   <li>{@link io.siplane.sip.sdp.SdpParser} turns bytes into a {@link io.siplane.sip.sdp.SdpParseResult}; bad input
 *       is a failure value with a cause and a line number, never an exception. {@link io.siplane.sip.sdp.SdpLimits}
 *       bounds the work.
 *   <li>{@link io.siplane.sip.sdp.SdpSerializer} writes CRLF lines in the RFC 8866 §5 order, so that for well-formed
 *       input {@code serialize(parse(x))} equals {@code x}.
 *   <li>{@link io.siplane.sip.sdp.OfferAnswer} builds an RFC 3264 answer from an offer and the answerer's codecs;
 *       {@link io.siplane.sip.sdp.SdpAnswerCheck} lists how an answer breaks RFC 3264 §6;
 *       {@link io.siplane.sip.sdp.CodecFilter} removes codecs from relayed SDP.
 * </ul>
 *
 * <p>The package depends on the JDK only.
 */
package io.siplane.sip.sdp;
