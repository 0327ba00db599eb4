/**
 * SIP Digest authentication (RFC 3261 §22, with the RFC 7616 algorithms SIP adopted in RFC 8760), as
 * pure helpers over header field <em>values</em>: no SIP message, no I/O, no logging, JDK only.
 *
 * <h2>Server side: registrar, or a B2BUA challenging callers</h2>
 *
 * <pre>{@code
 * DigestServer server = DigestServer.builder("example.com", sharedSecretKey).build();
 * // request without credentials: 401 with one WWW-Authenticate per value
 * List<String> challenges = server.challenges(false);
 * // retried request: verify its Authorization value
 * DigestVerification v = server.verify("REGISTER", authorizationValue, userStore::find);
 * switch (v.outcome()) {
 *     case OK -> ...;                      // v.username()
 *     case STALE -> ...;                   // 401 with server.challenges(true)
 *     case INVALID, REPLAY -> ...;         // 401 with server.challenges(false), or 403
 * }
 * }</pre>
 *
 * <h2>Client side: a B2BUA answering 401/407 from a trunk</h2>
 *
 * <pre>{@code
 * DigestClient client = DigestClient.withPassword("trunk-user", password, perTrunkCounter);
 * Optional<String> authorization = client.authorization(wwwAuthenticateValues, "INVITE", requestUri);
 * }</pre>
 *
 * <h2>Where each rule lives</h2>
 *
 * <table>
 *   <caption>RFC section to class</caption>
 *   <tr><th>Rule</th><th>Class</th></tr>
 *   <tr><td>RFC 3261 §25.1 challenge / credentials grammar, RFC 7616 §3.3, §3.4 directives</td>
 *       <td>{@link io.siplane.sip.auth.DigestChallenge}, {@link io.siplane.sip.auth.DigestCredentials}</td></tr>
 *   <tr><td>RFC 7616 §3.4.1–§3.4.4 response, HA1, -sess, userhash</td>
 *       <td>{@link io.siplane.sip.auth.DigestCalculator}</td></tr>
 *   <tr><td>RFC 8760 §2 algorithms, §2.4 order of preference</td>
 *       <td>{@link io.siplane.sip.auth.DigestAlgorithm}, {@link io.siplane.sip.auth.DigestServer}</td></tr>
 *   <tr><td>RFC 7616 §3.3 stale, §5.5 nonce lifetime and replay</td>
 *       <td>{@link io.siplane.sip.auth.DigestServer}, {@link io.siplane.sip.auth.NonceCountTracker}</td></tr>
 *   <tr><td>RFC 7616 §3.4 nonce-count on the client</td>
 *       <td>{@link io.siplane.sip.auth.ClientNonceCounter}</td></tr>
 * </table>
 *
 * <p>Not supported: {@code qop=auth-int} (needs the body; refused explicitly), RFC 7616 {@code
 * username*} extended notation (kept as an unknown parameter), and answering several realms in one
 * response (a client answers the best challenge of one realm).
 */
package io.siplane.sip.auth;
