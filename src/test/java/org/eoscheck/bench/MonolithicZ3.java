package org.eoscheck.bench;

import java.nio.file.Path;
import java.time.Duration;
import org.eoscheck.certificate.ProofLog;
import org.eoscheck.certificate.ProofLogReader;
import org.eoscheck.certificate.Statement;
import org.eoscheck.smt.SmtAnswer;
import org.eoscheck.smt.Z3Processes;

/**
 * Benchmark baseline (not a test): Z3 alone on a lemma. Reads the header of a proof log (written
 * by {@code check --max-boxes 1 --no-z3 --log F}), builds the kernel's monolithic refutation
 * query of every claim over the whole root box with {@link Statement#refutationQuery}, and runs
 * each through one Z3 worker process with the given cap. The lemma counts as proved by Z3 alone
 * only if every claim's query is {@code unsat}; the cap is shared by the claims, in order, and
 * the first claim that is not unsat ends the run.
 *
 * <p>Usage: {@code MonolithicZ3 LOG SECONDS}. Prints one JSON object: the answer ("unsat" when
 * every claim is unsat, else "sat" if some claim is sat, else "unknown"), the wall-clock seconds
 * of the queries (worker start excluded: the pool is started and warmed first), and the answer
 * and seconds per claim.
 */
public final class MonolithicZ3 {
  private MonolithicZ3() {}

  public static void main(String[] args) throws Exception {
    ProofLog.Header header = ProofLogReader.read(Path.of(args[0])).header();
    Duration cap = Duration.ofMillis(Math.round(Double.parseDouble(args[1]) * 1000));
    Statement statement = Statement.of(header);
    StringBuilder claims = new StringBuilder();
    boolean allUnsat = true;
    boolean anySat = false;
    double total = 0;
    try (Z3Processes z3 = new Z3Processes(1)) {
      z3.prestart();
      z3.version(); // waits for the worker, so its start-up is not timed
      for (int k = 0; k < header.claims().size(); k++) {
        String query = statement.refutationQuery(k, header.root());
        long start = System.nanoTime();
        SmtAnswer answer = z3.check(query, cap.minusMillis(Math.round(total * 1000)));
        double seconds = (System.nanoTime() - start) / 1e9;
        total += seconds;
        String name = answer instanceof SmtAnswer.Unsat ? "unsat"
            : answer instanceof SmtAnswer.Sat ? "sat" : "unknown";
        allUnsat &= name.equals("unsat");
        anySat |= name.equals("sat");
        String reason = answer instanceof SmtAnswer.Unknown
            ? ((SmtAnswer.Unknown) answer).reason() : "";
        if (k > 0) {
          claims.append(',');
        }
        claims.append(String.format("{\"claim\":%d,\"answer\":\"%s\",\"seconds\":%.3f,\"reason\":%s}",
            k, name, seconds, new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(reason)));
        if (!name.equals("unsat")) {
          break; // the lemma is not proved by Z3 alone; the cap is for the lemma as a whole
        }
      }
    }
    String verdict = allUnsat ? "unsat" : anySat ? "sat" : "unknown";
    System.out.printf("{\"answer\":\"%s\",\"seconds\":%.3f,\"claims\":[%s]}%n", verdict, total, claims);
    System.exit(0);
  }
}
