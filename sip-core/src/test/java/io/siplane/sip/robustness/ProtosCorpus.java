package io.siplane.sip.robustness;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;

/**
 * The PROTOS c07-sip cases of the shared corpus ({@code <repo>/../shared/corpus/protos}, see its README): each
 * file holds a length-prefixed INVITE and a length-prefixed teardown request, both with placeholders that are
 * filled here the way rtckit/php-sip fills them.
 */
final class ProtosCorpus {
    /** Set (to anything) to let the corpus tests skip instead of fail when the corpus is missing. */
    static final String ALLOW_MISSING_ENV = "SIPLANE_ALLOW_NO_CORPUS";

    static final String RELATIVE = "shared/corpus/protos";

    private ProtosCorpus() {}

    /** One test group of {@code GROUPS.tsv}. */
    record Group(String name, int first, int last, String rtckitCriteria) {
        boolean contains(int n) {
            return n >= first && n <= last;
        }
    }

    /**
     * One case with its placeholders filled.
     *
     * @param templateTeardown true when the teardown is PROTOS's template CANCEL: many groups mutate a field the
     *     teardown shares with the INVITE (Request-URI, Via, From, To, Call-ID), and then it is no longer valid
     */
    record Case(int number, Group group, byte[] invite, byte[] teardown, boolean templateTeardown) {
        /** The INVITE followed by the teardown, as a PROTOS run sends them on one connection. */
        byte[] both() {
            byte[] b = new byte[invite.length + teardown.length];
            System.arraycopy(invite, 0, b, 0, invite.length);
            System.arraycopy(teardown, 0, b, invite.length, teardown.length);
            return b;
        }
    }

    /**
     * The protos directory: found by walking up from the working directory (the module runs in
     * {@code <repo>/sip-core}) to the directory that holds {@code shared/corpus}. Null when there is none.
     */
    static Path locate() {
        for (Path d = Path.of("").toAbsolutePath(); d != null; d = d.getParent()) {
            Path p = d.resolve(RELATIVE);
            if (Files.isDirectory(p.resolve("cases")) && Files.isRegularFile(p.resolve("GROUPS.tsv"))) return p;
        }
        return null;
    }

    /** Where the corpus is expected, for the message when it is missing. */
    static Path expected() {
        Path cwd = Path.of("").toAbsolutePath();
        Path repo =
                cwd.getFileName() != null && cwd.getFileName().toString().equals("sip-core") ? cwd.getParent() : cwd;
        return repo.resolve("..").resolve(RELATIVE).normalize();
    }

    static List<Group> groups(Path protos) {
        try {
            List<Group> out = new ArrayList<>();
            for (String line : Files.readAllLines(protos.resolve("GROUPS.tsv"), StandardCharsets.UTF_8)) {
                if (line.isBlank() || line.startsWith("group\t")) continue;
                String[] f = line.split("\t");
                out.add(new Group(f[0], Integer.parseInt(f[1]), Integer.parseInt(f[2]), f[4]));
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<Case> load(Path protos) {
        List<Group> groups = groups(protos);
        List<Case> out = new ArrayList<>(4527);
        String template = null;
        try (var files = Files.list(protos.resolve("cases"))) {
            for (Path f : files.sorted().toList()) {
                int n = Integer.parseInt(f.getFileName().toString());
                Group g = groups.stream().filter(x -> x.contains(n)).findFirst().orElseThrow();
                byte[] file = Files.readAllBytes(f);
                String teardown = rawTeardown(file);
                if (n == 0) template = teardown;
                out.add(parse(n, g, file, teardown.equals(template)));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    /** {@code <len> SP <INVITE><len> SP <teardown>}, then the placeholders filled with per-case values. */
    /**
     * The raw teardown with the case number taken out of the branch, the From display name and the tag, where
     * PROTOS writes it; a teardown much longer than the template is mutated anyway.
     */
    private static String rawTeardown(byte[] file) {
        int[] pos = {0};
        pdu(file, pos);
        byte[] t = pdu(file, pos);
        if (t.length > 512) return "(mutated: " + t.length + " bytes)";
        return new String(t, StandardCharsets.ISO_8859_1)
                .replaceAll("z9hG4bK[0-9]{7}", "z9hG4bK#")
                .replaceAll("From: [0-9]{1,4} <", "From: # <")
                .replaceAll("tag=[0-9]{1,4}\r\n", "tag=#\r\n");
    }

    static Case parse(int number, Group group, byte[] file, boolean templateTeardown) {
        int[] pos = {0};
        byte[] invite = pdu(file, pos);
        byte[] teardown = pdu(file, pos);
        if (pos[0] != file.length) throw new IllegalStateException("case " + number + ": trailing bytes");
        // Same values for both PDUs: the teardown must match the INVITE's dialog (Call-ID, branch) as PROTOS sends
        // it. Seeded by the case number so every run and every failure report sees the same bytes.
        Random r = new Random(number);
        HexFormat hex = HexFormat.of();
        String branch = hex.toHexDigits(r.nextLong());
        String callId = hex.toHexDigits(r.nextLong()) + hex.toHexDigits(r.nextInt());
        String cseq = Integer.toString(1 + r.nextInt(1_000_000));
        return new Case(
                number,
                group,
                fill(invite, branch, callId, cseq),
                fill(teardown, branch, callId, cseq),
                templateTeardown);
    }

    private static byte[] pdu(byte[] file, int[] pos) {
        int sp = pos[0];
        while (file[sp] != ' ') sp++;
        int len = Integer.parseInt(new String(file, pos[0], sp - pos[0], StandardCharsets.US_ASCII));
        byte[] out = new byte[len];
        System.arraycopy(file, sp + 1, out, 0, len);
        pos[0] = sp + 1 + len;
        return out;
    }

    /**
     * Fills the placeholders (ISO-8859-1 maps bytes to chars one to one, so the mutated bytes survive). The
     * Content-Length is the real body length, the body being what follows the first CRLFCRLF (0 without one).
     */
    static byte[] fill(byte[] pdu, String branch, String callId, String cseq) {
        String s = new String(pdu, StandardCharsets.ISO_8859_1)
                .replace("<To>", "user@127.0.0.1")
                .replace("<From>", "protos@127.0.0.1")
                .replace("<From-Address>", "127.0.0.1")
                .replace("<From-IP>", "127.0.0.1")
                .replace("<Local-Port>", "5060")
                .replace("<Branch-ID>", branch)
                .replace("<Call-ID>", callId)
                .replace("<CSeq>", cseq)
                .replace("<Teardown-Method>", "CANCEL");
        int blank = s.indexOf("\r\n\r\n");
        int bodyLength = blank < 0 ? 0 : s.length() - blank - 4;
        return s.replace("<Content-Length>", Integer.toString(bodyLength)).getBytes(StandardCharsets.ISO_8859_1);
    }
}
