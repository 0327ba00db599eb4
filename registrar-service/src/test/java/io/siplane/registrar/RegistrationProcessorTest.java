package io.siplane.registrar;

import static io.siplane.registrar.SipMessages.register;
import static io.siplane.registrar.SipMessages.rfc4475;
import static org.assertj.core.api.Assertions.assertThat;

import io.siplane.events.registration.Binding;
import io.siplane.events.registration.RegistrationEvent;
import io.siplane.sip.message.HeaderName;
import io.siplane.sip.message.SipRequest;
import io.siplane.sip.message.SipResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** RFC 3261 §10.3 steps 1–8, RFC 3327 Path, RFC 5626 instance/reg-id and the RFC 4475 REGISTER cases. */
class RegistrationProcessorTest {

    private static final long NOW = 1_700_000_000_000L;
    private static final String AOR = "sip:alice@example.com";

    private final RegistrationProcessor processor =
            new RegistrationProcessor(new RegistrationPolicy(3600, 60, 7200, 3, Set.of(), "registrar-test"));

    private List<Binding> bindings = new ArrayList<>();

    /** Runs preflight and processing; keeps the committed bindings like the endpoint does. */
    private RegistrationResult run(SipRequest request, long now) {
        RegistrationProcessor.Preflight pre = processor.preflight(request);
        if (pre instanceof RegistrationProcessor.Preflight.Rejected r) {
            return new RegistrationResult(r.response(), java.util.Optional.empty());
        }
        String aor = ((RegistrationProcessor.Preflight.Ready) pre).aor();
        RegistrationResult result = processor.process(request, aor, bindings, now, "udp:192.0.2.10:5060");
        result.event().ifPresent(e -> bindings = new ArrayList<>(e.bindings()));
        return result;
    }

    private RegistrationResult run(SipRequest request) {
        return run(request, NOW);
    }

    private static List<String> contacts(SipResponse response) {
        return response.headerValues(HeaderName.CONTACT);
    }

    // ---- RFC 4475 -----------------------------------------------------------------------------------------

    @Test
    void cparam01UnknownparamIsAContactParameterAndStaysOne() {
        RegistrationResult r = run(rfc4475("cparam01"));
        assertThat(r.response().status()).isEqualTo(200);
        Binding b = r.event().orElseThrow().bindings().get(0);
        assertThat(b.contact()).isEqualTo("sip:+19725552222@gw1.example.net");
        assertThat(b.contactParams()).isEqualTo(";unknownparam");
        assertThat(contacts(r.response()))
                .containsExactly("<sip:+19725552222@gw1.example.net>;unknownparam;expires=3600");
        assertThat(r.event().get().aor()).isEqualTo("sip:watson@example.com");
    }

    @Test
    void cparam02UnknownparamIsAUriParameterAndStaysOne() {
        RegistrationResult r = run(rfc4475("cparam02"));
        assertThat(r.response().status()).isEqualTo(200);
        Binding b = r.event().orElseThrow().bindings().get(0);
        assertThat(b.contact()).isEqualTo("sip:+19725552222@gw1.example.net;unknownparam");
        assertThat(b.contactParams()).isEmpty();
        assertThat(contacts(r.response()))
                .containsExactly("<sip:+19725552222@gw1.example.net;unknownparam>;expires=3600");
    }

    @Test
    void regescrtKeepsTheEscapedRouteHeaderInTheContactUri() {
        RegistrationResult r = run(rfc4475("regescrt"));
        assertThat(r.response().status()).isEqualTo(200);
        assertThat(r.event().orElseThrow().bindings().get(0).contact())
                .isEqualTo("sip:user@example.com?Route=%3Csip:sip.example.com%3E");
        assertThat(contacts(r.response()))
                .containsExactly("<sip:user@example.com?Route=%3Csip:sip.example.com%3E>;expires=3600");
    }

    @Test
    void escnullRegistersTwoDistinctContactsUnderAnAorWithItsNulKept() {
        RegistrationResult r = run(rfc4475("escnull"));
        assertThat(r.response().status()).isEqualTo(200);
        RegistrationEvent e = r.event().orElseThrow();
        assertThat(e.aor()).isEqualTo("sip:null-%00-null@example.com");
        assertThat(e.bindings())
                .extracting(Binding::contact)
                .containsExactly("sip:%00@host5.example.com", "sip:%00%00@host5.example.com");
    }

    @Test
    void unksm2ToWithoutSipUriIs400() {
        assertThat(run(rfc4475("unksm2")).response().status()).isEqualTo(400);
    }

    @Test
    void regbadctContactUriWithHeadersOutsideBracketsIs400() {
        RegistrationResult r = run(rfc4475("regbadct"));
        assertThat(r.response().status()).isEqualTo(400);
        assertThat(r.event()).isEmpty();
    }

    // ---- RFC 3261 §10.3 -----------------------------------------------------------------------------------

    @Test
    void step1ForeignRequestUriDomainIs404WhenDomainsAreConfigured() {
        RegistrationProcessor strict =
                new RegistrationProcessor(new RegistrationPolicy(3600, 60, 7200, 3, Set.of("example.org"), "r"));
        RegistrationProcessor.Preflight p = strict.preflight(register(AOR, "c1", 1, "Contact: <sip:a@192.0.2.1>"));
        assertThat(p).isInstanceOfSatisfying(RegistrationProcessor.Preflight.Rejected.class, r -> assertThat(
                        r.response().status())
                .isEqualTo(404));
    }

    @Test
    void step2UnsupportedRequireIs420WithUnsupported() {
        SipResponse r = run(register(AOR, "c1", 1, "Require: foo, path", "Contact: <sip:a@192.0.2.1>"))
                .response();
        assertThat(r.status()).isEqualTo(420);
        assertThat(r.header(HeaderName.UNSUPPORTED)).isEqualTo("foo");
    }

    @Test
    void step5AorIsCanonicalWithoutParametersAndEscapes() {
        RegistrationResult r =
                run(register("sip:%61lice@EXAMPLE.com;user=phone", "c1", 1, "Contact: <sip:a@192.0.2.1>"));
        assertThat(r.event().orElseThrow().aor()).isEqualTo(AOR);
    }

    @Test
    void step6WildcardWithExpiresZeroRemovesEveryBinding() {
        run(register(AOR, "c1", 1, "Contact: <sip:a@192.0.2.1>, <sip:b@192.0.2.2>"));
        RegistrationResult r = run(register(AOR, "c2", 1, "Contact: *", "Expires: 0"));
        assertThat(r.response().status()).isEqualTo(200);
        assertThat(contacts(r.response())).isEmpty();
        assertThat(r.event().orElseThrow().bindings()).isEmpty();
    }

    @Test
    void step6WildcardWithoutExpiresZeroIs400() {
        assertThat(run(register(AOR, "c1", 1, "Contact: *")).response().status())
                .isEqualTo(400);
        assertThat(run(register(AOR, "c1", 2, "Contact: *", "Expires: 30"))
                        .response()
                        .status())
                .isEqualTo(400);
    }

    @Test
    void step6WildcardWithAnotherContactIs400() {
        SipResponse r = run(register(AOR, "c1", 1, "Contact: *", "Contact: <sip:a@192.0.2.1>", "Expires: 0"))
                .response();
        assertThat(r.status()).isEqualTo(400);
    }

    @Test
    void step6WildcardOutOfOrderForTheSameCallIdFails() {
        run(register(AOR, "c1", 5, "Contact: <sip:a@192.0.2.1>"));
        assertThat(run(register(AOR, "c1", 4, "Contact: *", "Expires: 0"))
                        .response()
                        .status())
                .isEqualTo(500);
        assertThat(bindings).hasSize(1);
    }

    @Test
    void step7ContactExpiresParameterWinsOverExpiresHeader() {
        RegistrationResult r = run(register(AOR, "c1", 1, "Contact: <sip:a@192.0.2.1>;expires=120", "Expires: 600"));
        assertThat(contacts(r.response())).containsExactly("<sip:a@192.0.2.1>;expires=120");
        assertThat(r.event().orElseThrow().bindings().get(0).expiresAtMillis()).isEqualTo(NOW + 120_000);
    }

    @Test
    void step7ExpiresHeaderAppliesWithoutParameter() {
        RegistrationResult r = run(register(AOR, "c1", 1, "Contact: <sip:a@192.0.2.1>", "Expires: 600"));
        assertThat(contacts(r.response())).containsExactly("<sip:a@192.0.2.1>;expires=600");
    }

    @Test
    void step7DefaultExpiresWithNeither() {
        assertThat(contacts(run(register(AOR, "c1", 1, "Contact: <sip:a@192.0.2.1>"))
                        .response()))
                .containsExactly("<sip:a@192.0.2.1>;expires=3600");
    }

    @Test
    void step7TooLongIsShortenedToTheMaximum() {
        assertThat(contacts(run(register(AOR, "c1", 1, "Contact: <sip:a@192.0.2.1>;expires=99999999999"))
                        .response()))
                .containsExactly("<sip:a@192.0.2.1>;expires=7200");
    }

    @Test
    void step7TooBriefIs423WithMinExpiresAndChangesNothing() {
        RegistrationResult r = run(register(
                AOR, "c1", 1, "Contact: <sip:a@192.0.2.1>;expires=3600", "Contact: <sip:b@192.0.2.1>;expires=30"));
        assertThat(r.response().status()).isEqualTo(423);
        assertThat(r.response().header(HeaderName.MIN_EXPIRES)).isEqualTo("60");
        assertThat(r.event()).isEmpty();
    }

    @Test
    void step7ExpiresZeroRemovesOnlyThatBinding() {
        run(register(AOR, "c1", 1, "Contact: <sip:a@192.0.2.1>, <sip:b@192.0.2.2>"));
        RegistrationResult r = run(register(AOR, "c1", 2, "Contact: <sip:a@192.0.2.1>;expires=0"));
        assertThat(contacts(r.response())).containsExactly("<sip:b@192.0.2.2>;expires=3600");
    }

    @Test
    void step7BindingsMatchByUriComparisonRules() {
        run(register(AOR, "c1", 1, "Contact: <sip:a@192.0.2.1;transport=udp>"));
        RegistrationResult r = run(register(AOR, "c2", 1, "Contact: <sip:a@192.0.2.1;TRANSPORT=UDP>;expires=300"));
        assertThat(r.event().orElseThrow().bindings()).hasSize(1);
        assertThat(r.event().get().bindings().get(0).callId()).isEqualTo("c2");
    }

    @Test
    void step7SameCallIdWithoutHigherCSeqIsRejectedAndKeepsTheBinding() {
        run(register(AOR, "c1", 10, "Contact: <sip:a@192.0.2.1>"));
        RegistrationResult r = run(register(AOR, "c1", 10, "Contact: <sip:a@192.0.2.1>;expires=0"));
        assertThat(r.response().status()).isEqualTo(500);
        assertThat(r.event()).isEmpty();
        assertThat(bindings).hasSize(1);
    }

    @Test
    void step7SameCallIdWithHigherCSeqRefreshes() {
        run(register(AOR, "c1", 10, "Contact: <sip:a@192.0.2.1>"));
        RegistrationResult r = run(register(AOR, "c1", 11, "Contact: <sip:a@192.0.2.1>"), NOW + 1000_000);
        assertThat(r.response().status()).isEqualTo(200);
        assertThat(r.event().orElseThrow().bindings().get(0).cseq()).isEqualTo(11);
    }

    @Test
    void step7AllOrNothingWhenOneContactIsOutOfOrder() {
        run(register(AOR, "c1", 10, "Contact: <sip:a@192.0.2.1>"));
        RegistrationResult r = run(register(AOR, "c1", 9, "Contact: <sip:b@192.0.2.2>, <sip:a@192.0.2.1>"));
        assertThat(r.response().status()).isEqualTo(500);
        assertThat(bindings).extracting(Binding::contact).containsExactly("sip:a@192.0.2.1");
    }

    @Test
    void step8NoContactQueriesTheBindingsAndPublishesNothing() {
        run(register(AOR, "c1", 1, "Contact: <sip:a@192.0.2.1>;q=0.5"));
        RegistrationResult r = run(register(AOR, "c2", 1), NOW + 600_000);
        assertThat(r.response().status()).isEqualTo(200);
        assertThat(contacts(r.response())).containsExactly("<sip:a@192.0.2.1>;q=0.5;expires=3000");
        assertThat(r.response().header(HeaderName.DATE)).endsWith("GMT");
        assertThat(r.event()).isEmpty();
    }

    @Test
    void expiredBindingsAreNotListed() {
        run(register(AOR, "c1", 1, "Contact: <sip:a@192.0.2.1>;expires=60"));
        assertThat(contacts(run(register(AOR, "c2", 1), NOW + 61_000).response()))
                .isEmpty();
    }

    @Test
    void qValuesAreKeptPerBinding() {
        RegistrationResult r = run(register(AOR, "c1", 1, "Contact: <sip:a@192.0.2.1>;q=0.7, <sip:b@192.0.2.2>;q=0.1"));
        assertThat(r.event().orElseThrow().bindings()).extracting(Binding::q).containsExactly(0.7f * 1.0, 0.1f * 1.0);
        assertThat(contacts(r.response()))
                .containsExactly("<sip:a@192.0.2.1>;q=0.7;expires=3600", "<sip:b@192.0.2.2>;q=0.1;expires=3600");
    }

    @Test
    void badQValueIs400() {
        assertThat(run(register(AOR, "c1", 1, "Contact: <sip:a@192.0.2.1>;q=2"))
                        .response()
                        .status())
                .isEqualTo(400);
    }

    @Test
    void tooManyBindingsIs403() {
        run(register(AOR, "c1", 1, "Contact: <sip:a@192.0.2.1>, <sip:b@192.0.2.1>, <sip:c@192.0.2.1>"));
        RegistrationResult r = run(register(AOR, "c2", 1, "Contact: <sip:d@192.0.2.1>"));
        assertThat(r.response().status()).isEqualTo(403);
        assertThat(bindings).hasSize(3);
    }

    // ---- RFC 3327 Path, RFC 5626 ----------------------------------------------------------------------------

    @Test
    void pathIsStoredAndEchoedWhenTheUaSupportsPath() {
        RegistrationResult r = run(register(
                AOR, "c1", 1, "Path: <sip:edge1.example.com;lr;ob>", "Supported: path", "Contact: <sip:a@192.0.2.1>"));
        assertThat(r.event().orElseThrow().bindings().get(0).path()).containsExactly("<sip:edge1.example.com;lr;ob>");
        assertThat(r.response().headerValues(HeaderName.PATH)).containsExactly("<sip:edge1.example.com;lr;ob>");
    }

    @Test
    void pathIsStoredButNotEchoedWithoutSupportedPath() {
        RegistrationResult r =
                run(register(AOR, "c1", 1, "Path: <sip:edge1.example.com;lr>", "Contact: <sip:a@192.0.2.1>"));
        assertThat(r.event().orElseThrow().bindings().get(0).path()).containsExactly("<sip:edge1.example.com;lr>");
        assertThat(r.response().hasHeader(HeaderName.PATH)).isFalse();
    }

    @Test
    void instanceAndRegIdReplaceTheBindingOfTheSameFlowWhateverTheUri() {
        String instance = "\"<urn:uuid:00000000-0000-1000-8000-000A95A0E128>\"";
        run(register(AOR, "c1", 1, "Contact: <sip:a@192.0.2.1:5060>;+sip.instance=" + instance + ";reg-id=1"));
        run(register(AOR, "c1", 2, "Contact: <sip:a@192.0.2.1:5062>;+sip.instance=" + instance + ";reg-id=2"));
        RegistrationResult r = run(
                register(AOR, "c1", 3, "Contact: <sip:a@198.51.100.7:40000>;+sip.instance=" + instance + ";reg-id=1"));
        List<Binding> after = r.event().orElseThrow().bindings();
        assertThat(after).hasSize(2);
        assertThat(after).extracting(Binding::regId).containsExactly(1, 2);
        assertThat(after.get(0).contact()).isEqualTo("sip:a@198.51.100.7:40000");
        assertThat(after.get(0).instanceId()).isEqualTo("<urn:uuid:00000000-0000-1000-8000-000A95A0E128>");
        assertThat(contacts(r.response()).get(0)).contains(";+sip.instance=" + instance + ";reg-id=1;expires=3600");
    }

    @Test
    void responsesCarryAToTag() {
        assertThat(run(register(AOR, "c1", 1, "Contact: <sip:a@192.0.2.1>"))
                        .response()
                        .to()
                        .tag())
                .isNotBlank();
    }
}
