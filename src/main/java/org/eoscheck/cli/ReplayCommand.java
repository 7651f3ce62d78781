package org.eoscheck.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import org.eoscheck.InputException;
import org.eoscheck.certificate.ProofLog;
import org.eoscheck.certificate.ProofLog.Contents;
import org.eoscheck.certificate.ProofLog.Verdict;
import org.eoscheck.certificate.ProofLogReader;
import org.eoscheck.certificate.Rejected;
import org.eoscheck.certificate.Replay;
import org.eoscheck.certificate.SmtOracle;
import org.eoscheck.certificate.Z3Oracle;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code eoscheck replay LOG}: re-checks a proof log with the trusted kernel. */
@Command(name = "replay", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
    description = {"Re-checks a proof log with the trusted kernel (org.eoscheck.certificate),"
        + " without the search code: header hash, tiling of the root box, every leaf, every"
        + " reduction and counterexample, the volumes and the verdict.",
        "Exit codes: 0 PROVED, 3 REFUTED, 4 UNKNOWN, 2 bad log (malformed or tampered),"
        + " 1 internal error."})
public final class ReplayCommand implements Callable<Integer> {
  @Parameters(paramLabel = "LOG", description = "the proof log (JSON lines)")
  Path log;

  @Option(names = "--json", description = "print the report as one JSON object")
  boolean json;

  @Option(names = "--z3-timeout", paramLabel = "SECONDS", defaultValue = "60",
      description = "budget per re-run Z3 query (default ${DEFAULT-VALUE})")
  long z3Timeout;

  @Option(names = "--lemma", paramLabel = "FILE",
      description = "also check that the log is about exactly this lemma file (SHA-256)")
  Path lemma;

  @Spec
  CommandSpec spec;

  /** Decides the z3 leaves: Z3 in process (to be wired to the project's Z3 worker pool). */
  SmtOracle oracle = new Z3Oracle();

  @Override
  public Integer call() throws IOException {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    Replay.Report report;
    try {
      Contents contents = read(log);
      if (lemma != null) {
        String hash = ProofLog.sha256(Files.readString(lemma, StandardCharsets.UTF_8));
        if (!hash.equals(contents.header().lemmaSha256())) {
          throw new Rejected("the log is about another lemma text than " + lemma);
        }
      }
      report = Replay.replay(contents, oracle, Duration.ofSeconds(z3Timeout));
    } catch (InputException e) {
      if (json) {
        ObjectNode o = new ObjectMapper().createObjectNode().put("log", log.toString())
            .put("ok", false).put("error", e.getMessage());
        out.println(o);
      }
      err.println("eoscheck replay: " + log + ": " + e.getMessage());
      return Main.USAGE;
    }
    if (json) {
      out.println(json(report));
    } else {
      print(report, out);
    }
    out.flush();
    return report.verdict() == Verdict.PROVED ? Main.OK
        : report.verdict() == Verdict.REFUTED ? Main.REFUTED : Main.UNKNOWN;
  }

  static Contents read(Path path) throws IOException, InputException {
    try {
      return ProofLogReader.read(path);
    } catch (NoSuchFileException e) {
      throw new InputException(path + ": no such file");
    }
  }

  private void print(Replay.Report r, PrintWriter out) {
    ProofLog.Header h = r.statement().header();
    out.println("replay " + log);
    out.println("lemma:      " + h.lemma() + " (" + h.lemmaFile() + "), SHA-256 of its text matches"
        + (h.shard() == null ? "" : ", shard " + h.shard()));
    for (String hyp : h.hypotheses()) {
      out.println("hypothesis: " + hyp);
    }
    for (int k = 0; k < r.statement().claims().size(); k++) {
      out.println("claim " + k + ":    " + h.claims().get(k).relation()
          + (h.claims().get(k).reduction() == null ? "" : "  (reduction checked)"));
    }
    out.println("root box:   " + ProofLog.boxText(r.statement().root()));
    out.println("checked:    " + r.leaves() + " leaves ("
        + r.evidence().entrySet().stream().map(e -> e.getKey() + " " + e.getValue())
            .collect(Collectors.joining(", "))
        + "), " + r.counterexamples() + " counterexample(s)");
    out.println("volume:     proved " + ProofLog.rational(r.volume().proved()) + ", refuted "
        + ProofLog.rational(r.volume().refuted()) + ", unknown " + ProofLog.rational(r.volume().unknown())
        + (r.missing().signum() == 0 ? "" : ", not covered " + ProofLog.rational(r.missing())));
    for (String note : r.notes()) {
      out.println("note:       " + note);
    }
    out.println("verdict:    " + r.verdict()
        + (h.shard() == null ? "" : " (this shard's own leaves: " + r.shardVerdict() + ")"));
  }

  private ObjectNode json(Replay.Report r) {
    ObjectMapper m = new ObjectMapper();
    ObjectNode o = m.createObjectNode().put("log", log.toString()).put("ok", true)
        .put("lemma", r.statement().header().lemma()).put("verdict", r.verdict().name())
        .put("shard", r.statement().header().shard()).put("shardVerdict", r.shardVerdict().name());
    o.putObject("volume").put("proved", ProofLog.rational(r.volume().proved()))
        .put("refuted", ProofLog.rational(r.volume().refuted()))
        .put("unknown", ProofLog.rational(r.volume().unknown()))
        .put("missing", ProofLog.rational(r.missing()));
    o.put("leaves", r.leaves()).put("counterexamples", r.counterexamples());
    o.set("evidence", m.valueToTree(r.evidence()));
    o.set("notes", m.valueToTree(r.notes()));
    return o;
  }
}
