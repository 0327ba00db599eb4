package io.siplane.sip.transaction;

import io.siplane.sip.message.SipResponse;
import java.util.ArrayList;
import java.util.List;

/** A transaction layer wired to virtual time, a recording transport and a recording core. */
final class Harness {
    final ManualScheduler scheduler = new ManualScheduler();
    final RecordingTransport transport = new RecordingTransport(scheduler);
    final RecordingServerUser core = new RecordingServerUser();
    final List<SipResponse> strayResponses = new ArrayList<>();
    final TransactionLayer layer;

    Harness() {
        this(TimerConfig.DEFAULT, TransactionLayer.Options.uas());
    }

    Harness(TimerConfig config) {
        this(config, TransactionLayer.Options.uas());
    }

    Harness(TimerConfig config, TransactionLayer.Options options) {
        layer = new TransactionLayer(
                transport, scheduler, config, core, options.withStrayResponses((r, s) -> strayResponses.add(r)));
    }
}
