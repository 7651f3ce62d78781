package org.eoscheck.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.eoscheck.InputException;
import org.eoscheck.verify.Merge;
import org.eoscheck.certificate.ProofLog.Contents;
import org.eoscheck.verify.ProofLogWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code eoscheck merge LOG... --out FILE}: joins the proof logs of the shards of one run. */
@Command(name = "merge", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
    description = {"Joins the proof logs of the shards of one run into one log. The headers must"
        + " agree except for the shard; the shards must together tile the root box (a missing"
        + " piece is named). The merged log is not verified: run 'eoscheck replay' on it.",
        "Exit codes: 0 written, 2 refused (different lemmas or options, overlap, missing piece)."})
public final class MergeCommand implements Callable<Integer> {
  @Parameters(arity = "1..*", paramLabel = "LOG", description = "the shard logs")
  List<Path> logs;

  @Option(names = "--out", required = true, paramLabel = "FILE", description = "the merged log")
  Path out;

  @Spec
  CommandSpec spec;

  @Override
  public Integer call() throws IOException {
    PrintWriter stdout = spec.commandLine().getOut();
    try {
      List<Contents> contents = new ArrayList<>();
      for (Path p : logs) {
        contents.add(ReplayCommand.read(p));
      }
      Contents merged = Merge.merge(contents, logs.stream().map(Path::toString).toList());
      ProofLogWriter.write(out, merged);
      stdout.println("merged " + logs.size() + " log(s), " + merged.leaves().size() + " leaves, into "
          + out + ": " + merged.result().verdict() + " as the leaves state it; verify with"
          + " 'eoscheck replay " + out + "'");
      stdout.flush();
      return Main.OK;
    } catch (InputException e) {
      spec.commandLine().getErr().println("eoscheck merge: " + e.getMessage());
      return Main.USAGE;
    }
  }
}
