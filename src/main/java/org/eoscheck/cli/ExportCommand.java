package org.eoscheck.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.eoscheck.InputException;
import org.eoscheck.certificate.ProofLog;
import org.eoscheck.certificate.ProofLog.Contents;
import org.eoscheck.certificate.ProofLog.Verdict;
import org.eoscheck.certificate.Replay;
import org.eoscheck.coq.CoqExport;
import org.eoscheck.coq.Coqc;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code eoscheck export --coq LOG}: a replayed proof log as a Coq file that coqc re-checks. */
@Command(name = "export", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
    description = {"Writes a proof log as a self-contained Coq file (Coq 8.16 with Coquelicot and"
        + " CoqInterval): the statement from the lemma text, the loss's derivatives proved by"
        + " auto_derive, and a proof of each claim; what Coq does not re-check is an Axiom listed"
        + " at the top. The log is replayed first; with coqc on the PATH the file is compiled, a"
        + " claim whose proof coqc rejects becomes an admitted gap, and the share of the volume"
        + " Coq covers is printed.",
        "Exit codes: 0 written (and compiled), 2 bad input (a log that fails replay, a REFUTED"
        + " log, an unreadable lemma file), 1 internal error (coqc rejects the file outside the"
        + " claims' proofs)."})
public final class ExportCommand implements Callable<Integer> {
  @Parameters(paramLabel = "LOG", description = "the proof log (JSON lines, .gz allowed)")
  Path log;

  @Option(names = "--coq", required = true, description = "export to Coq (the one format)")
  boolean coq;

  @Mixin
  ReplayOptions replay;

  @Option(names = "--out", paramLabel = "FILE.v",
      description = "the Coq file (default: the lemma's name with .v, in the current directory)")
  Path out;

  @Option(names = "--no-compile", description = "do not run coqc even when it is on the PATH")
  boolean noCompile;

  @Option(names = "--coq-timeout", paramLabel = "S", defaultValue = "300",
      description = "Seconds for one coqc run (default: ${DEFAULT-VALUE})")
  long coqTimeout;

  @Spec
  CommandSpec spec;

  @Override
  public Integer call() throws IOException, InterruptedException {
    PrintWriter o = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    Replay.Report report;
    Contents contents;
    try {
      contents = ReplayCommand.read(log);
      report = replay.replay(contents);
      if (report.verdict() == Verdict.REFUTED) {
        throw new InputException("the log is REFUTED: there is no proof to export");
      }
    } catch (InputException e) {
      err.println("eoscheck export: " + log + ": " + e.getMessage());
      return Main.USAGE;
    }
    Path target = out != null ? out : Path.of(Coqc.moduleName(contents.header().lemma()) + ".v");
    Optional<Path> coqc = noCompile ? Optional.empty() : Coqc.find();
    CoqExport.Result result;
    Coqc.Outcome outcome = null;
    try {
      if (coqc.isPresent()) {
        CoqExport.Checked c = CoqExport.checked(report.statement(), contents, coqc.get(), coqTimeout);
        result = c.result();
        outcome = c.outcome();
      } else {
        result = CoqExport.export(report.statement(), contents, List.of());
      }
    } catch (InputException e) {
      err.println("eoscheck export: " + log + ": " + e.getMessage());
      return Main.USAGE;
    }
    o.println("export " + log + " (replayed: " + report.verdict() + ")");
    if (result.text() == null) {
      o.println("not exported: " + result.gaps().get(0));
      o.println("coq covers: 0 of the volume");
      return Main.OK;
    }
    Files.writeString(target, result.text(), StandardCharsets.UTF_8);
    o.println("wrote:      " + target);
    o.println("claims:     " + result.proved() + " of " + result.gaps().size()
        + " proved in Coq over the whole box");
    for (int k = 0; k < result.gaps().size(); k++) {
      if (result.gaps().get(k) != null) {
        o.println("gap:        claim " + (k + 1) + ": " + result.gaps().get(k));
      }
    }
    o.println("coq covers: " + ProofLog.rational(result.coveredVolume()) + " of the volume"
        + (report.verdict() == Verdict.PROVED ? "" : " (the log itself is " + report.verdict() + ")"));
    if (outcome == null) {
      o.println("coqc:       not run (" + (noCompile ? "--no-compile" : "coqc is not on the PATH")
          + "); the file is not yet checked");
    } else if (outcome.ok()) {
      o.printf("coqc:       compiled in %.1f s%n", outcome.seconds());
    } else {
      err.println("eoscheck export: coqc rejects " + target + " at line " + outcome.line() + ":\n"
          + outcome.output().strip());
      return Main.INTERNAL;
    }
    o.flush();
    return Main.OK;
  }
}
