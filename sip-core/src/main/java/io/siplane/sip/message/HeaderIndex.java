package io.siplane.sip.message;

/**
 * Where the headers that every element reads sit in a message's fields: for Via, From, To, Call-ID, CSeq,
 * Max-Forwards and Route (RFC 3261 §8.1.1, §16.4), the index of the first field and the number of fields.
 * Built in one pass when the message is made, so the typed accessors go straight to their field and a
 * duplicate of a single-valued header (RFC 4475 §3.1.2.19) is a count check rather than a rescan.
 */
final class HeaderIndex {
    /** Slots; {@link HeaderName#slot} holds one of these for the names tracked here, else -1. */
    static final int VIA = 0, FROM = 1, TO = 2, CALL_ID = 3, CSEQ = 4, MAX_FORWARDS = 5, ROUTE = 6;

    static final int SLOTS = 7;

    /** first[slot] = index of the first field with that name, or -1; count[slot] = how many. */
    private final short[] first = {-1, -1, -1, -1, -1, -1, -1};

    private final short[] count = new short[SLOTS];

    HeaderIndex(HeaderField[] fields) {
        // parsed messages hold at most SipParserLimits.maxHeaderCount() fields; built ones stay small too
        if (fields.length > Short.MAX_VALUE) throw new IllegalArgumentException("too many header fields");
        for (int i = 0; i < fields.length; i++) {
            int s = fields[i].name().slot;
            if (s < 0) continue;
            if (count[s]++ == 0) first[s] = (short) i;
        }
    }

    int first(int slot) {
        return first[slot];
    }

    int count(int slot) {
        return count[slot];
    }
}
