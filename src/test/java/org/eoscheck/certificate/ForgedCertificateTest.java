package org.eoscheck.certificate;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.eoscheck.certificate.ProofLog.Claim;
import org.eoscheck.certificate.ProofLog.Header;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Forged certificates: the kernel derives the statement from the lemma text, so a header that says
 * something else about the statement is rejected with a message naming the field that differs.
 * The untouched sample is accepted, so each rejection is the forgery's.
 */
class ForgedCertificateTest {
  @TempDir
  Path dir;

  private static String rejected(UnaryOperator<Header> forge) {
    SampleLog s = SampleLog.valid();
    s.forge = forge;
    return assertThrows(Rejected.class, () -> Statement.of(s.header())).getMessage();
  }

  /** The header with its lemma text replaced and the hash recomputed to match. */
  private static Header withText(Header h, String text) {
    return new Header(h.lemma(), h.lemmaFile(), text, ProofLog.sha256(text), h.tool(), h.z3(),
        h.options(), h.variables(), h.root(), h.hypotheses(), h.claims(), h.shard());
  }

  private static Header withHypotheses(Header h, List<String> hyps) {
    return new Header(h.lemma(), h.lemmaFile(), h.lemmaText(), h.lemmaSha256(), h.tool(), h.z3(),
        h.options(), h.variables(), h.root(), hyps, h.claims(), h.shard());
  }

  @Test
  void theGenuineSampleIsAccepted() {
    assertDoesNotThrow(() -> Statement.of(SampleLog.valid().header()));
  }

  @Test
  void lemmaTextSwappedWithRecomputedHashIsRejected() {
    String m = rejected(h -> withText(h, h.lemmaText().replace("2 - eta^2", "9/4 - eta^2")));
    assertTrue(m.contains("hypothesis 1"), m);
  }

  @Test
  void shrunkRootIsRejected() {
    String m = rejected(h -> {
      Map<String, Bounds> root = new LinkedHashMap<>(h.root());
      root.put("w1", new Bounds(SampleLog.q("1"), SampleLog.q("3/2")));
      return new Header(h.lemma(), h.lemmaFile(), h.lemmaText(), h.lemmaSha256(), h.tool(), h.z3(),
          h.options(), h.variables(), root, h.hypotheses(), h.claims(), h.shard());
    });
    assertTrue(m.contains("root bounds w1"), m);
  }

  @Test
  void droppedHypothesisIsRejected() {
    String m = rejected(h -> withHypotheses(h, h.hypotheses().subList(1, 2)));
    assertTrue(m.contains("number of hypotheses"), m);
  }

  @Test
  void weakenedHypothesisIsRejected() {
    String m = rejected(h -> {
      List<String> hyps = new ArrayList<>(h.hypotheses());
      hyps.set(0, "9/4 - eta^2*(w1*w2 - 1)^2 >= 0");
      return withHypotheses(h, hyps);
    });
    assertTrue(m.contains("hypothesis 1"), m);
  }

  @Test
  void weakenedClaimIsRejected() {
    String m = rejected(h -> {
      List<Claim> claims = new ArrayList<>(h.claims());
      claims.set(1, new Claim(claims.get(1).source(), "eta*(w1^2 + w2^2) <= 6", null));
      return new Header(h.lemma(), h.lemmaFile(), h.lemmaText(), h.lemmaSha256(), h.tool(), h.z3(),
          h.options(), h.variables(), h.root(), h.hypotheses(), claims, h.shard());
    });
    assertTrue(m.contains("claim 2"), m);
  }

  @Test
  void changedModelOptionsAreRejected() {
    String depth = rejected(h -> withText(h, h.lemmaText().replace("depth: 2", "depth: 3")));
    assertTrue(depth.contains("w3"), depth);
    String target = rejected(h -> withText(h, h.lemmaText().replace("depth: 2", "depth: 2\ntarget: 2")));
    assertTrue(target.contains("claim 1"), target);
    String family = rejected(h -> withText(h, h.lemmaText().replace("model: scalar\ndepth: 2",
        "model: linear\ndims: [1, 1, 1]")));
    assertTrue(family.contains("w1"), family);
  }

  @Test
  void renamedVariableIsRejected() {
    String m = rejected(h -> new Header(h.lemma(), h.lemmaFile(), h.lemmaText(), h.lemmaSha256(),
        h.tool(), h.z3(), h.options(), List.of("w1", "w2", "step"), h.root(), h.hypotheses(),
        h.claims(), h.shard()));
    assertTrue(m.contains("variables"), m);
  }

  @Test
  void leafOutsideTheRootIsRejected() throws Exception {
    SampleLog s = SampleLog.valid();
    ProofLog.Leaf l = s.leaf("r.0.0");
    s.replace("r.0.0", new ProofLog.Leaf(l.path(), SampleLog.box("1/4", "1", "1/2", "3/4", "1/10", "1"),
        l.status(), l.evidence(), l.ms()));
    Path log = s.write(dir.resolve("forged.jsonl"));
    String m = assertThrows(Rejected.class, () -> Replay.replay(ProofLogReader.read(log),
        new ReplayTest.FakeOracle(new SmtOracle.Unsat()), Duration.ofSeconds(5))).getMessage();
    assertTrue(m.contains("r.0.0"), m);
  }
}
