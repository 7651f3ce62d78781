package org.eoscheck.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.eoscheck.InputException;
import org.eoscheck.certificate.ProofLog;
import org.eoscheck.certificate.ProofLogReader;
import org.eoscheck.certificate.Replay;
import org.eoscheck.report.LatexAppendix;
import org.eoscheck.report.RegionReports;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code eoscheck report}: verified-region pages and pictures from proof logs. */
@Command(name = "report", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
    description = {"Verified-region reports from proof logs: verdict, volumes, counterexamples and"
        + " pictures of the boxes (proved green, unknown yellow, refuted red), with an index as"
        + " Markdown and as a static HTML page.",
        "Figures are those recorded in the logs; 'eoscheck replay LOG' re-checks them."})
public final class ReportCommand implements Callable<Integer> {
  @Spec
  picocli.CommandLine.Model.CommandSpec spec;

  @Parameters(arity = "0..*", paramLabel = "LOG",
      description = "Proof logs (.jsonl, or .jsonl.gz) or directories of them (default: proofs-log).")
  List<Path> inputs = new ArrayList<>();

  @Option(names = "--out", paramLabel = "DIR", defaultValue = "out/report",
      description = "Where the pages and pictures go (default: ${DEFAULT-VALUE}).")
  Path out;

  @Option(names = "--latex", description = "Also write DIR/appendix.tex: per lemma its statement"
      + " typeset from the lemma text, the verdict and volumes the kernel finds on replaying the"
      + " certificate (a log that fails replay is an error), the certificate's SHA-256 and the"
      + " command that replays it.")
  boolean latex;

  @Mixin
  ReplayOptions replay;

  @Override
  public Integer call() throws IOException, InputException {
    List<Path> logs = new ArrayList<>();
    for (Path p : inputs.isEmpty() ? List.of(Path.of("proofs-log")) : inputs) {
      if (Files.isDirectory(p)) {
        try (Stream<Path> s = Files.list(p)) {
          s.filter(f -> f.toString().endsWith(".jsonl") || f.toString().endsWith(".jsonl.gz")).sorted().forEach(logs::add);
        }
      } else if (Files.isRegularFile(p)) {
        logs.add(p);
      } else {
        throw new InputException(p + ": no such proof log or directory");
      }
    }
    if (logs.isEmpty()) {
      throw new InputException("no proof logs (*.jsonl, *.jsonl.gz) found");
    }
    List<ProofLog.Contents> contents = new ArrayList<>();
    for (Path log : logs) {
      contents.add(ProofLogReader.read(log));
    }
    RegionReports.write(logs, contents, out);
    spec.commandLine().getOut().println("wrote " + out.resolve("index.html") + " and "
        + out.resolve("index.md") + " (" + logs.size() + " lemma(s))");
    if (latex) {
      List<LatexAppendix.Entry> entries = new ArrayList<>();
      for (int i = 0; i < logs.size(); i++) {
        Replay.Report r;
        try {
          r = replay.replay(contents.get(i));
        } catch (InputException e) {
          throw new InputException(logs.get(i) + ": " + e.getMessage());
        }
        entries.add(new LatexAppendix.Entry(logs.get(i).toString(), ProofLog.sha256(Files.readAllBytes(logs.get(i))),
            contents.get(i), r));
      }
      Path tex = out.resolve("appendix.tex");
      Files.writeString(tex, LatexAppendix.document(entries), StandardCharsets.UTF_8);
      spec.commandLine().getOut().println("wrote " + tex + " (" + entries.size()
          + " lemma(s), verdicts from the kernel's replay)");
    }
    return Main.OK;
  }
}
