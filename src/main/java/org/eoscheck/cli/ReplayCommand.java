package org.eoscheck.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.EOFException;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.CharacterCodingException;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.List;
import java.util.stream.Collectors;
import org.eoscheck.InputException;
import org.eoscheck.expr.ExprParser;
import org.eoscheck.expr.ExprPrinter;
import org.eoscheck.certificate.ProofLog;
import org.eoscheck.certificate.ProofLog.Contents;
import org.eoscheck.certificate.ProofLog.Verdict;
import org.eoscheck.certificate.ProofLogReader;
import org.eoscheck.certificate.Replay;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code eoscheck replay LOG}: re-checks a proof log with the trusted kernel. */
@Command(name = "replay", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
    description = {"Re-checks a proof log with the trusted kernel (org.eoscheck.certificate),"
        + " without the search code: header hash, tiling of the root box, every leaf, every"
        + " reduction and counterexample, the volumes and the verdict.",
        "Exit codes: 0 PROVED, 3 REFUTED, 4 UNKNOWN (also when a z3 leaf is not re-checked within"
        + " the budget), 2 bad input (a malformed, tampered or unreadable log, a lemma file that"
        + " cannot be read or does not match, a bad option), 1 internal error."})
public final class ReplayCommand implements Callable<Integer> {
  @Parameters(paramLabel = "LOG", description = "the proof log (JSON lines)")
  Path log;

  @Option(names = "--json", description = "print the report as one JSON object")
  boolean json;

  @Mixin
  ReplayOptions replay;

  @Spec
  CommandSpec spec;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    Replay.Report report;
    try {
      report = replay.replay(read(log));
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

  /** Reads a proof log; a file that cannot be read is bad input naming the file. */
  static Contents read(Path path) throws InputException {
    try {
      return ProofLogReader.read(path);
    } catch (IOException e) {
      throw new InputException(path + ": " + why(e));
    }
  }

  /** Why a file cannot be read, in a few words. */
  static String why(IOException e) {
    if (e instanceof NoSuchFileException) {
      return "no such file";
    }
    if (e instanceof AccessDeniedException) {
      return "permission denied";
    }
    if (e instanceof CharacterCodingException) {
      return "not UTF-8 text";
    }
    if (e instanceof EOFException) {
      return "truncated (unexpected end of file)";
    }
    return e.getMessage() != null ? e.getMessage() : e.toString();
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
      ExprPrinter.Named claim = named(h.claims().get(k).relation());
      out.println("claim " + (k + 1) + ":    " + claim.text()
          + (h.claims().get(k).reduction() == null ? "" : "  (reduction checked)"));
      claim.where().forEach(w -> out.println("            where " + w));
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

  /** A claim's text with its gfsShift subterms named (the text as is if it does not parse). */
  private static ExprPrinter.Named named(String relation) {
    try {
      return ExprPrinter.printNamed(ExprParser.parseRelation(relation));
    } catch (InputException e) {
      return new ExprPrinter.Named(relation, List.of());
    }
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
