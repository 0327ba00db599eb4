package io.siplane.sip.sdp;

import java.util.List;
import java.util.Optional;

/**
 * The {@code a=} lines of a session or of a media description (RFC 8866 §5.13), in order, with the look-ups both
 * levels offer, written once for both.
 *
 * <p>Immutable. Equal to, and hashing as, its list, so the descriptions' {@code equals} and {@code hashCode} are as
 * they were with a plain list.
 */
final class AttributeList {
    private final List<Attribute> all;

    AttributeList(List<Attribute> attributes) {
        this.all = List.copyOf(attributes);
    }

    /** All the attributes in their order. */
    List<Attribute> all() {
        return all;
    }

    /** The attributes called {@code name}, ignoring ASCII case, in order. */
    List<Attribute> named(String name) {
        return all.stream().filter(a -> a.hasName(name)).toList();
    }

    /** The first attribute called {@code name}, ignoring ASCII case. */
    Optional<Attribute> first(String name) {
        return all.stream().filter(a -> a.hasName(name)).findFirst();
    }

    /** The first direction attribute (RFC 8866 §6.7), if any. */
    Optional<Direction> direction() {
        for (Attribute a : all) {
            Optional<Direction> d = Direction.fromAttribute(a);
            if (d.isPresent()) return d;
        }
        return Optional.empty();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof AttributeList l && all.equals(l.all);
    }

    @Override
    public int hashCode() {
        return all.hashCode();
    }

    @Override
    public String toString() {
        return all.toString();
    }
}
