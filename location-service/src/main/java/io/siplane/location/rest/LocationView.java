package io.siplane.location.rest;

import io.siplane.events.registration.Binding;
import java.util.List;

/** An AOR and its live bindings, highest q first. */
public record LocationView(String aor, List<BindingView> bindings) {

    static LocationView of(String aor, List<Binding> bindings, long nowMillis) {
        return new LocationView(
                aor, bindings.stream().map(b -> BindingView.of(b, nowMillis)).toList());
    }
}
