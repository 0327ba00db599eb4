package io.siplane.sip.sdp;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Damaged copies of every fixture: the parser must return a result for each, never throw, and whatever it accepts
 * must survive being written and parsed again. Seeded, so a failure replays.
 */
class SdpParserMutationTest {
    private static final int MUTANTS_PER_FIXTURE = 300;
    private static final byte[] INTERESTING = {'\r', '\n', '\0', ' ', '=', ':', '/', '0', '9', 'm', 'a', (byte) 0xFF};

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.siplane.sip.sdp.SdpFixtures#all")
    void damagedBodiesNeverThrowAndWhatParsesRoundTrips(String fixture) {
        byte[] original = SdpFixtures.bytes(fixture);
        Random random = new Random(fixture.hashCode());
        int accepted = 0;
        for (int i = 0; i < MUTANTS_PER_FIXTURE; i++) {
            byte[] mutant = mutate(original, random);

            SdpParseResult result = SdpParser.parse(mutant);

            if (result instanceof SdpParseResult.Success success) {
                accepted++;
                SessionDescription sdp = success.description();
                SdpParseResult again = SdpParser.parse(SdpSerializer.encode(sdp));
                assertThat(again.toOptional()).as("mutant %d of %s", i, fixture).contains(sdp);
            } else {
                assertThat(((SdpParseResult.Failure) result).cause()).isNotBlank();
            }
        }
        // Both branches must be exercised, or the test proves less than it claims.
        assertThat(accepted).isBetween(1, MUTANTS_PER_FIXTURE - 1);
    }

    private static byte[] mutate(byte[] original, Random random) {
        byte[] b = Arrays.copyOf(original, original.length);
        int edits = 1 + random.nextInt(3);
        for (int e = 0; e < edits && b.length > 1; e++) {
            int at = random.nextInt(b.length);
            switch (random.nextInt(4)) {
                case 0 -> b[at] = INTERESTING[random.nextInt(INTERESTING.length)];
                case 1 -> b[at] = (byte) random.nextInt(256);
                case 2 -> { // delete a run
                    int len = Math.min(1 + random.nextInt(20), b.length - at);
                    byte[] shorter = new byte[b.length - len];
                    System.arraycopy(b, 0, shorter, 0, at);
                    System.arraycopy(b, at + len, shorter, at, b.length - at - len);
                    b = shorter.length == 0 ? b : shorter;
                }
                default -> { // duplicate a run in place
                    int len = Math.min(1 + random.nextInt(40), b.length - at);
                    byte[] longer = new byte[b.length + len];
                    System.arraycopy(b, 0, longer, 0, at + len);
                    System.arraycopy(b, at, longer, at + len, b.length - at);
                    b = longer;
                }
            }
        }
        return b;
    }
}
