package org.eoscheck.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.eoscheck.InputException;
import org.eoscheck.certificate.ProofLog;
import org.eoscheck.certificate.ProofLog.Contents;
import org.eoscheck.certificate.Rejected;
import org.eoscheck.certificate.Replay;
import org.eoscheck.smt.Z3Processes;
import picocli.CommandLine.Option;

/**
 * The options of a kernel replay ({@code --budget}, {@code --lemma}), shared by the commands that
 * replay a log before using it (replay, export, report --latex), and the replay itself.
 */
final class ReplayOptions {
  @Option(names = "--budget", paramLabel = "S", defaultValue = "60",
      description = "Seconds for one re-run Z3 query of the replay (default: ${DEFAULT-VALUE});"
          + " holds even if the solver hangs. A z3 leaf not re-checked in time counts as unknown,"
          + " never as proved.")
  double budget;

  @Option(names = "--lemma", paramLabel = "FILE",
      description = "also check that the log is about exactly this lemma file (SHA-256)")
  Path lemma;

  /** The log read, matched against --lemma and replayed by the kernel; bad input otherwise. */
  Replay.Report replay(Contents contents) throws InputException {
    if (!(budget > 0)) {
      throw new InputException("--budget must be positive");
    }
    if (lemma != null) {
      String hash;
      try {
        hash = ProofLog.sha256(Files.readString(lemma, StandardCharsets.UTF_8));
      } catch (IOException e) {
        throw new InputException(lemma + ": cannot read the lemma file: " + ReplayCommand.why(e));
      }
      if (!hash.equals(contents.header().lemmaSha256())) {
        throw new Rejected("the log is about another lemma text than " + lemma);
      }
    }
    // Z3 in killable worker processes: the budget holds even when Z3 ignores its time-out.
    return Replay.replay(contents, Z3Processes.shared(), Duration.ofMillis((long) (budget * 1000)));
  }
}
